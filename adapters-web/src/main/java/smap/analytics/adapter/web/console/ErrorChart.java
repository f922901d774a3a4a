package smap.analytics.adapter.web.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase.ErrorReport;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase.Total;
import smap.analytics.domain.console.SeriesPoint;

/**
 * Presentation: the error rows of a window as stacked bars, one bar per bucket and one colour per
 * category (largest first).
 *
 * @param buckets the start of each bucket, oldest first
 * @param categories the categories present, largest first
 * @param counts counts[bucket][category]
 * @param max the largest bar (at least 1), which the chart's height is scaled to
 */
public record ErrorChart(
    List<Instant> buckets, List<String> categories, long[][] counts, long bucketSeconds, long max) {

  /** Buckets of one chart at most. */
  static final int MAX_BUCKETS = 500;

  /**
   * About 24 to 48 buckets over the window, whole minutes, hours or days; never more than {@link
   * #MAX_BUCKETS} whatever the window (wider windows get wider buckets).
   */
  static long bucketSeconds(Duration window) {
    long seconds = Math.max(60, window.getSeconds());
    for (long bucket :
        new long[] {60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400}) {
      if (seconds / bucket <= 48) {
        return bucket;
      }
    }
    long week = 7 * 86_400;
    long widest = (seconds + MAX_BUCKETS - 1) / MAX_BUCKETS;
    return Math.max(week, (widest + week - 1) / week * week);
  }

  /** The report's series laid out over its whole window (buckets aligned to the epoch). */
  static ErrorChart of(ErrorReport report) {
    long bucket = report.query().bucketSeconds();
    Instant first = Instant.ofEpochSecond(report.query().from().getEpochSecond() / bucket * bucket);
    List<Instant> buckets = new ArrayList<>();
    for (Instant t = first; t.isBefore(report.query().to()); t = t.plusSeconds(bucket)) {
      buckets.add(t);
    }
    List<String> names = report.byCategory().stream().map(Total::label).toList();
    long[][] counts = new long[buckets.size()][names.size()];
    for (SeriesPoint point : report.series()) {
      int b = (int) ((point.bucket().getEpochSecond() - first.getEpochSecond()) / bucket);
      int c = names.indexOf(point.category());
      if (b >= 0 && b < buckets.size() && c >= 0) {
        counts[b][c] += point.count();
      }
    }
    long max = 1;
    for (long[] row : counts) {
      long sum = 0;
      for (long n : row) {
        sum += n;
      }
      max = Math.max(max, sum);
    }
    return new ErrorChart(buckets, names, counts, bucket, max);
  }
}
