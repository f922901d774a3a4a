package smap.analytics.application.port.in.console;

import java.time.Instant;
import java.util.List;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;

/** Use case: the distribution of error rows over a window, and drill-down to the items. */
public interface InspectCrawlErrorsUseCase {

  ErrorReport report(ErrorQuery query);

  List<ErrorRow> items(String code, Instant from, Instant to, int limit);

  /**
   * @param source "crawler", "analytics" or null for both
   */
  record ErrorQuery(Instant from, Instant to, String source) {}

  /** The groups and totals by code, category, platform and transience. */
  record ErrorReport(
      ErrorQuery query,
      List<ErrorGroup> groups,
      List<Total> byCode,
      List<Total> byCategory,
      List<Total> byPlatform,
      long transientCount,
      long permanentCount,
      long total,
      long serverMillis,
      Series series) {}

  /**
   * Error rows per bucket and category, ready to draw as stacked bars.
   *
   * @param buckets the start of each bucket, oldest first
   * @param categories the categories present, largest first
   * @param counts counts[bucket][category]
   */
  record Series(
      List<Instant> buckets,
      List<String> categories,
      long[][] counts,
      long bucketSeconds,
      long max) {}

  /** A labelled total. */
  record Total(String label, long count) {}
}
