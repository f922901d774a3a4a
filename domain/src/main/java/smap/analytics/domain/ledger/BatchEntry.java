package smap.analytics.domain.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.MessageFormat;

/**
 * One row of the batch ledger, as read back.
 *
 * @param rawBody the message as received (bounded prefix), for replays
 * @param rawBodyTruncated true when the stored body is only a prefix
 * @param lastError the last failure's reason, or null
 * @param lastErrorDetail bounded stack trace or detail of the last failure, or null
 * @param finishedAt when the last attempt ended, or null while processing
 */
public record BatchEntry(
    EventContext context,
    BatchStatus status,
    int attempts,
    int replays,
    String queue,
    MessageFormat format,
    String objectPath,
    String projectId,
    String platform,
    BatchCounts counts,
    String lastError,
    String lastErrorDetail,
    Map<String, Boolean> flags,
    List<String> warnings,
    byte[] rawBody,
    boolean rawBodyTruncated,
    Instant receivedAt,
    Instant startedAt,
    Instant finishedAt,
    long fetchMillis,
    long processingMillis) {

  public BatchEntry {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(counts, "counts");
    flags = flags == null ? Map.of() : Map.copyOf(flags);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
