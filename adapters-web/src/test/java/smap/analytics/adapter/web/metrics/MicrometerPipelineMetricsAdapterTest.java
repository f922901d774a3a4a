package smap.analytics.adapter.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import smap.analytics.domain.batch.Platform;

class MicrometerPipelineMetricsAdapterTest {

  private final MicrometerPipelineMetricsAdapter metrics = new MicrometerPipelineMetricsAdapter();

  @Test
  void exposesTheContractNamesWithTheAnalyticsPrefix() {
    metrics.eventReceived("analytics.data.collected", "batch_event");
    metrics.eventProcessed(Platform.TIKTOK, "succeeded", Duration.ofMillis(700));
    metrics.eventFailed(Platform.YOUTUBE, "rejected");
    metrics.batchFetched(Duration.ofMillis(20), Duration.ofMillis(5), true);
    metrics.itemsProcessed(Platform.TIKTOK, "success", 48);
    metrics.errorRecorded("RATE_LIMITED", "rate_limiting", Platform.TIKTOK, "crawler");
    metrics.batchSizeMismatch(Platform.YOUTUBE);
    metrics.duplicateSkipped();
    metrics.replayed("succeeded");
    metrics.projectIdConflict();
    metrics.activeBatches(2);
    metrics.resultPublished("unroutable");
    metrics.gauge("analytics_outbox_backlog", "Results waiting", () -> 7);

    String text = metrics.scrape();

    assertThat(text)
        .contains(
            "analytics_events_received_total{format=\"batch_event\",queue=\"analytics.data.collected\"} 1.0")
        .contains("analytics_events_processed_total{platform=\"TIKTOK\",status=\"succeeded\"} 1.0")
        .contains(
            "analytics_event_processing_duration_seconds_bucket{platform=\"TIKTOK\",le=\"1.0\"} 1")
        .contains("analytics_events_failed_total{kind=\"rejected\",platform=\"YOUTUBE\"} 1.0")
        .contains("analytics_batches_fetched_total{compressed=\"true\"} 1.0")
        .contains("analytics_batch_fetch_duration_seconds_count 1")
        .contains("analytics_batch_parse_duration_seconds_count 1")
        .contains("analytics_items_processed_total{platform=\"TIKTOK\",status=\"success\"} 48.0")
        .contains(
            "analytics_errors_by_code_total{error_code=\"RATE_LIMITED\",platform=\"TIKTOK\",source=\"crawler\"} 1.0")
        .contains(
            "analytics_errors_by_category_total{error_category=\"rate_limiting\",platform=\"TIKTOK\",source=\"crawler\"} 1.0")
        .contains("analytics_batch_size_mismatch_total{platform=\"YOUTUBE\"} 1.0")
        .contains("analytics_duplicates_skipped_total 1.0")
        .contains("analytics_replays_total{outcome=\"succeeded\"} 1.0")
        .contains("analytics_project_id_conflicts_total 1.0")
        .contains("analytics_active_batches 2.0")
        .contains("analytics_results_published_total{outcome=\"unroutable\"} 1.0")
        .contains("analytics_publish_errors_total{outcome=\"unroutable\"} 1.0")
        .contains("analytics_outbox_backlog 7.0");
  }

  @Test
  void noLastBatchRateGaugesOnlyCountersPrometheusCanRate() {
    metrics.itemsProcessed(Platform.YOUTUBE, "success", 19);
    metrics.itemsProcessed(Platform.YOUTUBE, "analysis_error", 1);

    assertThat(metrics.scrape())
        .doesNotContain("analytics_success_rate")
        .doesNotContain("analytics_error_rate")
        .contains("analytics_items_processed_total{platform=\"YOUTUBE\",status=\"success\"} 19.0");
  }

  @Test
  void gaugesGivenALambdaStillReadAfterGarbageCollection() throws InterruptedException {
    // Capturing lambdas, as the composition root passes (a non-capturing one is a constant the
    // JVM keeps anyway): nothing but the gauge refers to them.
    long[] backlog = {7};
    boolean[] open = {true};
    metrics.gauge("analytics_outbox_backlog", "Results waiting", () -> backlog[0]);
    metrics.gauge("analytics_rabbitmq_connection_status", "open", () -> open[0] ? 1 : 0);

    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(metrics.scrape())
        .contains("analytics_outbox_backlog 7.0")
        .contains("analytics_rabbitmq_connection_status 1.0")
        .doesNotContain("NaN");
  }

  @Test
  void rareEventCountersReadZeroBeforeTheFirstEvent() {
    assertThat(metrics.scrape())
        .contains("analytics_duplicates_skipped_total 0.0")
        .contains("analytics_project_id_conflicts_total 0.0")
        .contains("analytics_replays_total{outcome=\"succeeded\"} 0.0");
  }

  @Test
  void lastSuccessTimeMovesWhenABatchIsCommitted() {
    double before = lastSuccess();
    metrics.eventProcessed(Platform.TIKTOK, "partial", Duration.ofMillis(5));
    assertThat(lastSuccess()).isGreaterThanOrEqualTo(before).isPositive();
  }

  private double lastSuccess() {
    return metrics.registry().get("analytics.last.success.timestamp").gauge().value();
  }
}
