package smap.analytics.application.port.out.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Count;
import smap.analytics.domain.console.Cursor;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;
import smap.analytics.domain.console.SeriesPoint;
import smap.analytics.domain.console.Throughput;

/**
 * Outgoing port: the read side of the operator console, over the ledger and the analytics tables.
 */
public interface ConsoleQueryPort {

  /** One page of ledger entries, newest first, after the keyset cursor (exclusive). */
  List<BatchRow> batches(BatchFilter filter, Cursor after, int limit);

  /** The ledger row of one event with its attempts, error rows and published results. */
  Optional<BatchDetail> batch(EventId eventId);

  /** Groups of error rows one report lists at most; the rest are folded (see errorGroups). */
  int MAX_ERROR_GROUPS = 50;

  /** The code of a group that folds the codes beyond the largest {@link #MAX_ERROR_GROUPS}. */
  String OTHER_CODES = "(other codes)";

  /** The platform of such a folded group. */
  String OTHER_PLATFORMS = "(several)";

  /**
   * Error rows grouped by code, category, transience, platform and source, in a time window: the
   * {@link #MAX_ERROR_GROUPS} largest groups, then the rest folded into one {@link #OTHER_CODES}
   * group per category, transience and source (so totals by category stay exact).
   */
  List<ErrorGroup> errorGroups(Instant from, Instant to, String source);

  /**
   * The groups and the time series of a window together, as the error page shows them (an adapter
   * may run the two aggregations at once). Buckets start at multiples of {@code bucketSeconds}
   * since the epoch.
   */
  ErrorAggregates errorAggregates(Instant from, Instant to, long bucketSeconds, String source);

  /** The groups and the series of one window. */
  record ErrorAggregates(List<ErrorGroup> groups, List<SeriesPoint> series) {}

  /** Error rows per time bucket and category in a window (for the stacked series). */
  List<SeriesPoint> errorSeries(Instant from, Instant to, long bucketSeconds, String source);

  /** Error rows of one code in a window, newest first (drill-down). */
  List<ErrorRow> errors(String code, Instant from, Instant to, int limit);

  /** Batches finished in a window, per platform and status, with their item counts. */
  List<Throughput> throughput(Instant from, Instant to);

  /** Results in the outbox by status (PENDING, PUBLISHED, UNROUTABLE, FAILED). */
  List<Count> outbox();
}
