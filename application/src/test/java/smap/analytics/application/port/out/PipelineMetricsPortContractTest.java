package smap.analytics.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import smap.analytics.domain.batch.Platform;

/**
 * Contract of {@link PipelineMetricsPort}, run against the recording fake and the Micrometer
 * adapter: what each call counts, per label, so a use-case test that reads the fake reads what
 * production would count.
 */
public abstract class PipelineMetricsPortContractTest {

  protected abstract PipelineMetricsPort metrics();

  /**
   * What the implementation has counted for the port method {@code method} with these label values
   * (in the method's parameter order; the platform by its name).
   */
  protected abstract double counted(String method, String... labels);

  @Test
  void itemsProcessedAddsTheCountPerPlatformAndStatus() {
    PipelineMetricsPort metrics = metrics();
    metrics.itemsProcessed(Platform.TIKTOK, "success", 48);
    metrics.itemsProcessed(Platform.TIKTOK, "success", 2);
    metrics.itemsProcessed(Platform.TIKTOK, "crawler_error", 3);
    metrics.itemsProcessed(Platform.YOUTUBE, "success", 5);

    assertThat(counted("itemsProcessed", "TIKTOK", "success")).isEqualTo(50);
    assertThat(counted("itemsProcessed", "TIKTOK", "crawler_error")).isEqualTo(3);
    assertThat(counted("itemsProcessed", "YOUTUBE", "success")).isEqualTo(5);
    assertThat(counted("itemsProcessed", "FACEBOOK", "success")).isZero();
  }

  @Test
  void eventsAreCountedOncePerCallByPlatformAndOutcome() {
    PipelineMetricsPort metrics = metrics();
    metrics.eventProcessed(Platform.TIKTOK, "succeeded", Duration.ofMillis(700));
    metrics.eventProcessed(Platform.TIKTOK, "succeeded", Duration.ofMillis(5));
    metrics.eventProcessed(Platform.TIKTOK, "partial", Duration.ofMillis(5));
    metrics.eventFailed(Platform.UNKNOWN, "rejected");

    assertThat(counted("eventProcessed", "TIKTOK", "succeeded")).isEqualTo(2);
    assertThat(counted("eventProcessed", "TIKTOK", "partial")).isEqualTo(1);
    assertThat(counted("eventFailed", "UNKNOWN", "rejected")).isEqualTo(1);
    assertThat(counted("eventFailed", "TIKTOK", "rejected")).isZero();
  }

  @Test
  void duplicatesAndReplaysAreCountedPerCall() {
    PipelineMetricsPort metrics = metrics();
    metrics.duplicateSkipped();
    metrics.duplicateSkipped();
    metrics.replayed("succeeded");

    assertThat(counted("duplicateSkipped")).isEqualTo(2);
    assertThat(counted("replayed", "succeeded")).isEqualTo(1);
    assertThat(counted("replayed", "failed")).isZero();
  }
}
