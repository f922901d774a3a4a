package smap.analytics.adapter.amqp;

import smap.analytics.application.port.out.MessageDecoderPort;
import smap.analytics.domain.message.DecodedBody;

/** Adapter: decodes a stored message exactly as the consumer decodes deliveries (for replays). */
public final class JacksonMessageDecoderAdapter implements MessageDecoderPort {

  @Override
  public DecodedBody decode(byte[] body) {
    return DeliveryDecoder.decode(body);
  }
}
