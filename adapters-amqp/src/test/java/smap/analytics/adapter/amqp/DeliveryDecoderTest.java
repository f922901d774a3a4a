package smap.analytics.adapter.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import smap.analytics.domain.message.DecodedBody;

class DeliveryDecoderTest {

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {DeliveryDecoder.MAX_ENVELOPE_BYTES + 1, 5_000_000})
  void anEnvelopeOverTheLimitIsUndecodableWithItsSize(int size) {
    byte[] body = new byte[size];
    java.util.Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[size - 1] = '}';
    assertThat(DeliveryDecoder.decode(body))
        .isEqualTo(
            new DecodedBody.Undecodable(
                "envelope: " + size + " bytes, limit " + DeliveryDecoder.MAX_ENVELOPE_BYTES));
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {2, DeliveryDecoder.MAX_ENVELOPE_BYTES})
  void anEnvelopeUpToTheLimitIsRead(int size) {
    byte[] body = " ".repeat(size).getBytes(StandardCharsets.UTF_8);
    body[0] = '{';
    body[size - 1] = '}';
    assertThat(DeliveryDecoder.decode(body)).isInstanceOf(DecodedBody.Json.class);
  }
}
