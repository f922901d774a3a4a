package smap.analytics.application.port.in.console;

import java.util.List;
import java.util.Optional;
import smap.analytics.application.port.out.console.ConsoleQueryPort.BatchDetail;
import smap.analytics.application.port.out.console.ConsoleQueryPort.BatchFilter;
import smap.analytics.application.port.out.console.ConsoleQueryPort.BatchRow;
import smap.analytics.application.port.out.console.ConsoleQueryPort.Cursor;
import smap.analytics.domain.batch.EventId;

/** Use case: list batches with filters and keyset pages; open one batch. */
public interface BrowseBatchesUseCase {

  BatchPage list(BatchListQuery query);

  Optional<BatchDetail> show(EventId eventId);

  /** A page request. */
  record BatchListQuery(BatchFilter filter, Cursor after, int limit) {}

  /** A page and the cursor of the next one (null at the end). */
  record BatchPage(List<BatchRow> rows, Cursor next, long serverMillis) {}
}
