package smap.analytics.application.service.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase;
import smap.analytics.application.port.out.console.ConsoleQueryPort;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;

/** Service: the error distribution of a window, with totals by code, category and platform. */
public final class InspectCrawlErrorsService implements InspectCrawlErrorsUseCase {

  private final ConsoleQueryPort queries;

  public InspectCrawlErrorsService(ConsoleQueryPort queries) {
    this.queries = queries;
  }

  @Override
  public ErrorReport report(ErrorQuery query) {
    ConsoleQueryPort.ErrorAggregates aggregates =
        queries.errorAggregates(query.from(), query.to(), query.bucketSeconds(), query.source());
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
    return new ErrorReport(
        query,
        groups,
        sorted(byCode),
        sorted(byCategory),
        sorted(byPlatform),
        transientCount,
        permanentCount,
        transientCount + permanentCount,
        aggregates.series());
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
