package smap.analytics.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;

/**
 * Everything one processed batch writes, committed together.
 *
 * @param status SUCCEEDED or PARTIAL
 * @param projectId the batch's one project id (null for a dry run)
 * @param platform the batch's platform, upper-case
 * @param result the result to put in the outbox, or null when none is to be published
 * @param flags the flag values the batch ran under
 * @param warnings non-fatal problems found in the message and the items
 * @param replay true when an operator's replay runs it: the entry may already be terminal
 */
public record BatchCommit(
    EventId eventId,
    BatchStatus status,
    String projectId,
    String platform,
    List<PostRecord> posts,
    List<CommentRecord> comments,
    List<CrawlError> errors,
    BatchCounts counts,
    AnalyzeResult result,
    Map<String, Boolean> flags,
    List<String> warnings,
    Duration fetchTime,
    Duration processingTime,
    Instant finishedAt,
    boolean replay) {

  public BatchCommit {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(platform, "platform");
    posts = List.copyOf(posts);
    comments = List.copyOf(comments);
    errors = List.copyOf(errors);
    Objects.requireNonNull(counts, "counts");
    flags = Map.copyOf(flags);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(fetchTime, "fetchTime");
    Objects.requireNonNull(processingTime, "processingTime");
    Objects.requireNonNull(finishedAt, "finishedAt");
    if (status != BatchStatus.SUCCEEDED && status != BatchStatus.PARTIAL) {
      throw new IllegalArgumentException("a commit is SUCCEEDED or PARTIAL, got " + status);
    }
  }
}
