package smap.analytics.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchStatusTest {

  @ParameterizedTest
  @EnumSource(
      value = BatchStatus.class,
      names = {"PROCESSING", "RETRYING"})
  void unfinishedStatusesAreNeitherTerminalNorReplayable(BatchStatus status) {
    assertThat(status.terminal()).isFalse();
    assertThat(status.replayable()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = BatchStatus.class,
      names = {"PROCESSING", "RETRYING"},
      mode = EnumSource.Mode.EXCLUDE)
  void finishedStatusesAreTerminalAndReplayable(BatchStatus status) {
    assertThat(status.terminal()).isTrue();
    assertThat(status.replayable()).isTrue();
  }
}
