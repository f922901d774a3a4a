package smap.analytics.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventIdTest {

  @Test
  void aProducersIdIsKeptAsGiven() {
    EventId id = EventId.of("evt_abc123def456");

    assertThat(id.value()).isEqualTo("evt_abc123def456");
    assertThat(id.derived()).isFalse();
    assertThat(id).hasToString("evt_abc123def456");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void givenNoValue_of_refuses(String value) {
    assertThatThrownBy(() -> EventId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value");
  }

  @Test
  void anIdLongerThanTheLedgerKeyIsRefused() {
    assertThat(EventId.of("x".repeat(EventId.MAX_LENGTH)).value()).hasSize(200);
    assertThatThrownBy(() -> EventId.of("x".repeat(EventId.MAX_LENGTH + 1)))
        .hasMessageContaining("at most 200");
  }

  @Test
  void givenTheSameBody_derive_givesTheSameId() {
    byte[] body = "{\"payload\":{\"minio_path\":\"b/k\"}}".getBytes(StandardCharsets.UTF_8);

    EventId first = EventId.derive(body);
    EventId second = EventId.derive(body.clone());

    assertThat(first).isEqualTo(second);
    assertThat(first.derived()).isTrue();
    assertThat(first.value()).matches("sha256:[0-9a-f]{32}");
  }

  @Test
  void givenDifferentBodies_derive_givesDifferentIds() {
    assertThat(EventId.derive("{\"a\":1}")).isNotEqualTo(EventId.derive("{\"a\":2}"));
  }

  @Test
  void derivingFromTextIsDerivingFromItsUtf8Bytes() {
    String text = "minio://crawl-results/tiếng-việt.json";

    assertThat(EventId.derive(text))
        .isEqualTo(EventId.derive(text.getBytes(StandardCharsets.UTF_8)));
  }
}
