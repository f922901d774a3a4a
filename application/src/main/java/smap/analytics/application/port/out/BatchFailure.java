package smap.analytics.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;

/**
 * A batch ends without its items being stored.
 *
 * @param status REJECTED, FAILED or PARKED
 * @param reason what went wrong and where, for the operator
 * @param detail a bounded stack trace or longer explanation, or null
 * @param projectId the project, when known
 * @param platform the batch's platform
 * @param result an error result to put in the outbox, or null
 */
public record BatchFailure(
    EventId eventId,
    BatchStatus status,
    String reason,
    String detail,
    String projectId,
    Platform platform,
    AnalyzeResult result,
    Map<String, Boolean> flags,
    List<String> warnings,
    Instant finishedAt,
    boolean replay) {

  public BatchFailure {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(platform, "platform");
    flags = Map.copyOf(flags);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(finishedAt, "finishedAt");
    if (status != BatchStatus.REJECTED
        && status != BatchStatus.FAILED
        && status != BatchStatus.PARKED) {
      throw new IllegalArgumentException("a failure is REJECTED, FAILED or PARKED, got " + status);
    }
  }
}
