package smap.analytics.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardQueriesTest {

  @Test
  void namesTheMetricsAndNotFunctionsLabelsKeywordsOrVariables() {
    assertThat(
            DashboardQueries.metricNames(
                "sum by (platform, le) (rate(analytics_event_processing_duration_seconds_bucket"
                    + "{instance=~\"$instance\",queue=\"dead-letter\"}[$__rate_interval]))"
                    + " / on (job) group_left max(up{job=\"x\"}) and time() - 0.95"
                    + " > bool platform:analytics_item_error_ratio:rate15m offset 5m"))
        .containsExactlyInAnyOrder(
            "analytics_event_processing_duration_seconds_bucket",
            "up",
            "platform:analytics_item_error_ratio:rate15m");
  }
}
