package smap.analytics.domain.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smap.analytics.domain.replay.ReplayJobState.Cancellable;
import smap.analytics.domain.replay.ReplayJobState.Draft;
import smap.analytics.domain.replay.ReplayJobState.Paused;
import smap.analytics.domain.replay.ReplayJobState.Running;

class ReplayJobStateTest {

  @Test
  void eachStateOffersExactlyItsTransitions() {
    assertThat(((Draft) ReplayJobState.DRAFT).start()).isEqualTo(ReplayJobState.RUNNING);
    assertThat(((Running) ReplayJobState.RUNNING).pause()).isEqualTo(ReplayJobState.PAUSED);
    assertThat(((Running) ReplayJobState.RUNNING).finish()).isEqualTo(ReplayJobState.DONE);
    assertThat(((Paused) ReplayJobState.PAUSED).resume()).isEqualTo(ReplayJobState.RUNNING);
    for (ReplayJobState s :
        List.of(ReplayJobState.DRAFT, ReplayJobState.RUNNING, ReplayJobState.PAUSED)) {
      assertThat(((Cancellable) s).cancel()).isEqualTo(ReplayJobState.CANCELLED);
    }
    assertThat(ReplayJobState.CANCELLED).isNotInstanceOf(Cancellable.class);
    assertThat(ReplayJobState.DONE).isNotInstanceOf(Cancellable.class);
  }

  @ParameterizedTest
  @CsvSource({"DRAFT, false", "RUNNING, false", "PAUSED, false", "CANCELLED, true", "DONE, true"})
  void storedFormRoundTripsAndTerminalStatesAreTheFinalOnes(String stored, boolean terminal) {
    ReplayJobState state = ReplayJobState.parse(stored);
    assertThat(state.name()).isEqualTo(stored);
    assertThat(state).hasToString(stored);
    assertThat(state.terminal()).isEqualTo(terminal);
    assertThat(ReplayJobState.parse(" " + stored.toLowerCase() + " ")).isEqualTo(state);
  }

  @Test
  void anUnknownStoredFormIsNamed() {
    assertThatThrownBy(() -> ReplayJobState.parse("STARTED"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'STARTED'");
    assertThatThrownBy(() -> ReplayJobState.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
