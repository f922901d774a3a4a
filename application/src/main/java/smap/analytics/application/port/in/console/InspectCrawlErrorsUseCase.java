package smap.analytics.application.port.in.console;

import java.time.Instant;
import java.util.List;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;
import smap.analytics.domain.console.SeriesPoint;

/** Use case: the distribution of error rows over a window, and drill-down to the items. */
public interface InspectCrawlErrorsUseCase {

  ErrorReport report(ErrorQuery query);

  List<ErrorRow> items(String code, Instant from, Instant to, int limit);

  /**
   * @param source "crawler", "analytics" or null for both
   * @param bucketSeconds the width of the series' buckets, which start at its multiples since the
   *     epoch (the caller chooses it for its chart)
   */
  record ErrorQuery(Instant from, Instant to, String source, long bucketSeconds) {
    public ErrorQuery {
      if (bucketSeconds <= 0) {
        throw new IllegalArgumentException("bucketSeconds must be > 0, got " + bucketSeconds);
      }
    }
  }

  /**
   * The groups and totals by code, category, platform and transience, and the error rows per bucket
   * and category ({@code series}, buckets without rows absent).
   */
  record ErrorReport(
      ErrorQuery query,
      List<ErrorGroup> groups,
      List<Total> byCode,
      List<Total> byCategory,
      List<Total> byPlatform,
      long transientCount,
      long permanentCount,
      long total,
      List<SeriesPoint> series) {}

  /** A labelled total. */
  record Total(String label, long count) {}
}
