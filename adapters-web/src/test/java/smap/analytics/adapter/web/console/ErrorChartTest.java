package smap.analytics.adapter.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase.ErrorQuery;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase.ErrorReport;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase.Total;
import smap.analytics.domain.console.SeriesPoint;

class ErrorChartTest {

  @Test
  void aWindowGetsAbout24To48WholeBucketsAndNeverMoreThanTheMaximum() {
    assertThat(ErrorChart.bucketSeconds(Duration.ofHours(1))).isEqualTo(300);
    assertThat(ErrorChart.bucketSeconds(Duration.ofHours(24))).isEqualTo(1800);
    assertThat(ErrorChart.bucketSeconds(Duration.ofDays(7))).isEqualTo(6 * 3600);
    long years = ErrorChart.bucketSeconds(Duration.ofDays(3650));
    assertThat(Duration.ofDays(3650).getSeconds() / years)
        .isLessThanOrEqualTo(ErrorChart.MAX_BUCKETS);
  }

  @Test
  void pointsStackInTheirBucketByCategoryLargestFirst() {
    Instant from = Instant.parse("2026-01-01T10:07:00Z");
    Instant to = from.plus(Duration.ofHours(1));
    ErrorReport report =
        new ErrorReport(
            new ErrorQuery(from, to, null, 900),
            List.of(),
            List.of(),
            List.of(new Total("rate_limiting", 5), new Total("not_found", 2)),
            List.of(),
            0,
            7,
            7,
            List.of(
                new SeriesPoint(Instant.parse("2026-01-01T10:00:00Z"), "not_found", 2),
                new SeriesPoint(Instant.parse("2026-01-01T10:00:00Z"), "rate_limiting", 1),
                new SeriesPoint(Instant.parse("2026-01-01T10:45:00Z"), "rate_limiting", 4)));

    ErrorChart chart = ErrorChart.of(report);

    assertThat(chart.buckets())
        .containsExactly(
            Instant.parse("2026-01-01T10:00:00Z"),
            Instant.parse("2026-01-01T10:15:00Z"),
            Instant.parse("2026-01-01T10:30:00Z"),
            Instant.parse("2026-01-01T10:45:00Z"),
            Instant.parse("2026-01-01T11:00:00Z"));
    assertThat(chart.categories()).containsExactly("rate_limiting", "not_found");
    assertThat(chart.counts()[0]).containsExactly(1, 2);
    assertThat(chart.counts()[3]).containsExactly(4, 0);
    assertThat(chart.max()).isEqualTo(4);
  }
}
