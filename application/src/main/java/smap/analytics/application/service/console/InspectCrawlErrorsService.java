package smap.analytics.application.service.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase;
import smap.analytics.application.port.out.console.ConsoleQueryPort;
import smap.analytics.application.port.out.console.ConsoleQueryPort.SeriesPoint;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;

/** Service: the error distribution of a window, with totals by code, category and platform. */
public final class InspectCrawlErrorsService implements InspectCrawlErrorsUseCase {

  /** Time buckets of one report at most. */
  public static final int MAX_BUCKETS = 500;

  private final ConsoleQueryPort queries;

  public InspectCrawlErrorsService(ConsoleQueryPort queries) {
    this.queries = queries;
  }

  @Override
  public ErrorReport report(ErrorQuery query) {
    long start = System.nanoTime();
    long bucket = bucketSeconds(Duration.between(query.from(), query.to()));
    Instant first = Instant.ofEpochSecond(query.from().getEpochSecond() / bucket * bucket);
    // Buckets are aligned to the epoch (a bucket of an hour starts on the hour).
    ConsoleQueryPort.ErrorAggregates aggregates =
        queries.errorAggregates(query.from(), query.to(), bucket, query.source());
    List<ErrorGroup> groups = aggregates.groups();
    Map<String, Long> byCode = new LinkedHashMap<>();
    Map<String, Long> byCategory = new LinkedHashMap<>();
    Map<String, Long> byPlatform = new LinkedHashMap<>();
    long transientCount = 0;
    long permanentCount = 0;
    for (ErrorGroup group : groups) {
      byCode.merge(group.code(), group.count(), Long::sum);
      byCategory.merge(group.category(), group.count(), Long::sum);
      byPlatform.merge(group.platform(), group.count(), Long::sum);
      if (group.transientError()) {
        transientCount += group.count();
      } else {
        permanentCount += group.count();
      }
    }
    Series series = series(query, sorted(byCategory), bucket, first, aggregates.series());
    return new ErrorReport(
        query,
        groups,
        sorted(byCode),
        sorted(byCategory),
        sorted(byPlatform),
        transientCount,
        permanentCount,
        transientCount + permanentCount,
        (System.nanoTime() - start) / 1_000_000,
        series);
  }

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

  private static Series series(
      ErrorQuery query,
      List<Total> categories,
      long bucket,
      Instant first,
      List<SeriesPoint> points) {
    List<Instant> buckets = new ArrayList<>();
    for (Instant t = first; t.isBefore(query.to()); t = t.plusSeconds(bucket)) {
      buckets.add(t);
    }
    List<String> names = categories.stream().map(Total::label).toList();
    long[][] counts = new long[buckets.size()][names.size()];
    for (SeriesPoint point : points) {
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
    return new Series(buckets, names, counts, bucket, max);
  }

  private static List<Total> sorted(Map<String, Long> counts) {
    List<Total> totals = new ArrayList<>();
    counts.forEach((label, count) -> totals.add(new Total(label, count)));
    totals.sort(Comparator.comparingLong(Total::count).reversed().thenComparing(Total::label));
    return totals;
  }

  @Override
  public List<ErrorRow> items(String code, Instant from, Instant to, int limit) {
    return queries.errors(code, from, to, Math.max(1, Math.min(500, limit)));
  }
}
