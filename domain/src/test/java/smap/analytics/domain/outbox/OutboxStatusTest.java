package smap.analytics.domain.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxStatusTest {

  @Test
  void aStoredNameParsesToItsStatusAndAnythingElseToNone() {
    for (OutboxStatus status : OutboxStatus.values()) {
      assertThat(OutboxStatus.parse(status.name())).contains(status);
    }
    assertThat(OutboxStatus.parse("unroutable")).isEmpty();
    assertThat(OutboxStatus.parse(null)).isEmpty();
  }
}
