package smap.analytics.application.port.out.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import smap.analytics.application.port.out.BatchEntry;
import smap.analytics.domain.batch.EventId;

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
   * The groups and the time series of a window in one scan of the error rows (what the error page
   * shows; two separate aggregations would read the window twice). Buckets start at multiples of
   * {@code bucketSeconds} since the epoch.
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

  /** Keyset position: (received_at, event_id) of the last row of the previous page. */
  record Cursor(Instant receivedAt, String eventId) {}

  /**
   * Filters of the batch list; null means "any".
   *
   * @param search a full event id, or a prefix of one
   * @param error text the last error contains
   */
  record BatchFilter(
      String status,
      String platform,
      String projectId,
      String jobId,
      String error,
      String search,
      Instant from,
      Instant to) {
    public static final BatchFilter ANY =
        new BatchFilter(null, null, null, null, null, null, null, null);
  }

  /** One line of the batch list. */
  record BatchRow(
      String eventId,
      String status,
      String platform,
      String projectId,
      String jobId,
      Integer batchIndex,
      int items,
      int succeeded,
      int crawlerErrors,
      int analysisErrors,
      int expected,
      int attempts,
      int replays,
      String lastError,
      Instant receivedAt,
      Instant finishedAt,
      long processingMillis) {}

  /** A batch with everything the batch page shows. */
  record BatchDetail(
      BatchEntry entry,
      List<Attempt> attempts,
      List<ErrorRow> errors,
      List<PostRow> posts,
      List<OutboxRow> results) {}

  /** One processing attempt. */
  record Attempt(
      int attempt,
      String kind,
      String requestedBy,
      Instant startedAt,
      Instant finishedAt,
      String status,
      String error) {}

  /** One stored error row. */
  record ErrorRow(
      String eventId,
      String contentId,
      String platform,
      String code,
      String category,
      boolean transientError,
      String source,
      String message,
      String permalink,
      Instant createdAt) {}

  /** One analysed post of a batch. */
  record PostRow(
      String id, String sentiment, String intent, double impact, String risk, String permalink) {}

  /** One result of a batch in the outbox. */
  record OutboxRow(
      String messageId,
      String status,
      int attempts,
      String result,
      Instant createdAt,
      Instant publishedAt,
      String lastError) {}

  /** An error group with its count and first/last seen in the window (and before it). */
  record ErrorGroup(
      String code,
      String category,
      boolean transientError,
      String platform,
      String source,
      long count,
      Instant firstSeen,
      Instant lastSeen,
      boolean newInWindow) {}

  /** Batches and items per platform and status in a window. */
  record Throughput(
      String platform, String status, long batches, long items, long succeeded, long errors) {}

  /** Error rows of one category in the bucket starting at {@code bucket}. */
  record SeriesPoint(Instant bucket, String category, long count) {}

  /** A labelled count. */
  record Count(String label, long count) {}
}
