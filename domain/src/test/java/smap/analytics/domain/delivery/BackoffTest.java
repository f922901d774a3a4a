package smap.analytics.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2);

  @ParameterizedTest(name = "retry {0}: at most {1} ms")
  @CsvSource({"1,1000", "2,2000", "3,4000", "4,8000", "6,32000", "7,60000", "8,60000", "500,60000"})
  void doublesFromTheInitialPauseUpToTheBound(int attempt, long millis) {
    assertThat(backoff.ceiling(attempt)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void jitterOnlyShortensThePauseAndByAtMostItsShare() {
    for (int attempt = 1; attempt < 12; attempt++) {
      long ceiling = backoff.ceiling(attempt).toMillis();
      assertThat(backoff.delay(attempt, 0.0).toMillis()).isEqualTo(ceiling);
      assertThat(backoff.delay(attempt, 0.999).toMillis())
          .isLessThan(ceiling)
          .isGreaterThanOrEqualTo(Math.round(ceiling * 0.8));
      assertThat(backoff.delay(attempt, 0.5)).isLessThanOrEqualTo(Duration.ofSeconds(60));
    }
  }

  @Test
  void withoutJitterThePauseIsExact() {
    Backoff exact = new Backoff(Duration.ofMillis(100), Duration.ofMillis(250), 0);
    assertThat(exact.delay(1, 0.7)).isEqualTo(Duration.ofMillis(100));
    assertThat(exact.delay(2, 0.7)).isEqualTo(Duration.ofMillis(200));
    assertThat(exact.delay(3, 0.7)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.2))
        .hasMessageContaining("initial");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.2))
        .hasMessageContaining("max");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0))
        .hasMessageContaining("jitter");
    assertThatThrownBy(() -> backoff.delay(1, 1.0)).hasMessageContaining("random");
  }
}
