package smap.analytics.application.service.console;

import java.util.List;
import java.util.Optional;
import smap.analytics.application.port.in.console.BrowseBatchesUseCase;
import smap.analytics.application.port.out.console.ConsoleQueryPort;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Cursor;

/** Service: the batch list (keyset pages) and the batch page. */
public final class BrowseBatchesService implements BrowseBatchesUseCase {

  /** Largest page served. */
  public static final int MAX_PAGE = 200;

  private final ConsoleQueryPort queries;

  public BrowseBatchesService(ConsoleQueryPort queries) {
    this.queries = queries;
  }

  @Override
  public BatchPage list(BatchListQuery query) {
    int limit = Math.max(1, Math.min(MAX_PAGE, query.limit()));
    List<BatchRow> rows = queries.batches(query.filter(), query.after(), limit + 1);
    Cursor next = null;
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
      BatchRow last = rows.get(limit - 1);
      next = new Cursor(last.receivedAt(), last.eventId());
    }
    return new BatchPage(List.copyOf(rows), next);
  }

  @Override
  public Optional<BatchDetail> show(EventId eventId) {
    return queries.batch(eventId);
  }
}
