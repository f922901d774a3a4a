package smap.analytics.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class BatchLogContextTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void closingRestoresWhatWasThereBefore() {
    MDC.put("event_id", "outer");
    try (BatchLogContext log = BatchLogContext.open("e1", "job-1", null)) {
      BatchLogContext.put(BatchLogContext.PROJECT_ID, "p1");
      assertThat(MDC.get("event_id")).isEqualTo("e1");
      assertThat(MDC.get("job_id")).isEqualTo("job-1");
      assertThat(MDC.get("project_id")).isEqualTo("p1");
    }
    assertThat(MDC.get("event_id")).isEqualTo("outer");
    assertThat(MDC.get("job_id")).isNull();
    assertThat(MDC.get("project_id")).isNull();
  }

  @Test
  void aHolderKeepsWhatTheUseCaseSetUntilItCloses() {
    try (BatchLogContext held = BatchLogContext.hold()) {
      try (BatchLogContext log = BatchLogContext.open("e2", "job-2", "p2")) {
        assertThat(MDC.get("event_id")).isEqualTo("e2");
      }
      // The consumer's requeue or park line after the use case returned.
      assertThat(MDC.get("event_id")).isEqualTo("e2");
      assertThat(MDC.get("project_id")).isEqualTo("p2");
    }
    assertThat(MDC.get("event_id")).isNull();
    assertThat(MDC.get("job_id")).isNull();
  }

  @Test
  void blankIdsAreLeftOut() {
    try (BatchLogContext log = BatchLogContext.open("e3", " ", null)) {
      assertThat(MDC.get("job_id")).isNull();
    }
  }
}
