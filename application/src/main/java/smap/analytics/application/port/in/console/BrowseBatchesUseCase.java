package smap.analytics.application.port.in.console;

import java.util.List;
import java.util.Optional;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Cursor;

/** Use case: list batches with filters and keyset pages; open one batch. */
public interface BrowseBatchesUseCase {

  BatchPage list(BatchListQuery query);

  Optional<BatchDetail> show(EventId eventId);

  /** A page request. */
  record BatchListQuery(BatchFilter filter, Cursor after, int limit) {}

  /** A page and the cursor of the next one (null at the end). */
  record BatchPage(List<BatchRow> rows, Cursor next) {}
}
