package smap.analytics.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/**
 * Everything one processed batch writes, committed together.
 *
 * @param status SUCCEEDED or PARTIAL
 * @param projectId the batch's one project id (null for a dry run)
 * @param platform the batch's platform
 * @param result the result to put in the outbox, or null when none is to be published
 * @param flags the flag values the batch ran under
 * @param warnings non-fatal problems found in the message and the items
 * @param replay true when an operator's replay runs it: the entry may already be terminal
 */
public record BatchCommit(
    EventId eventId,
    BatchStatus status,
    String projectId,
    Platform platform,
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
    // The batch's own summary passes the storable boundary like its rows (warnings are bounded
    // where they are written, Storable.warnings): nothing in it can be refused for its length.
    projectId = Storable.text(projectId, ColumnLimits.PROJECT_ID);
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

  /**
   * This commit with a summary the database cannot refuse: the same rows, status, counts and
   * result, but instead of the warnings and flags (what the database refused in the summary) one
   * warning with {@code refusal}, bounded.
   */
  public BatchCommit withSummaryRefused(String refusal) {
    return new BatchCommit(
        eventId,
        status,
        projectId,
        platform,
        posts,
        comments,
        errors,
        counts,
        result,
        Map.of(),
        List.of(
            Storable.reason(
                "the ledger refused this batch's summary ("
                    + refusal
                    + "); its "
                    + warnings.size()
                    + " warnings and its flags were not kept",
                ColumnLimits.WARNING)),
        fetchTime,
        processingTime,
        finishedAt,
        replay);
  }

  /**
   * This commit after the database refused some of its rows (CONTRACT 7: one bad item is one error
   * row). Each refused post becomes {@code refusedPostErrors}' row instead, its comments are
   * dropped, its count moves from succeeded to analysis errors, and the batch is PARTIAL with the
   * result recounted.
   *
   * @param refusedPostErrors the INTERNAL_ERROR row for each refused post, by post id
   * @param errors the error rows that could be stored (the original ones, possibly replaced)
   * @param comments the comments that could be stored
   * @param extraWarnings what was refused or dropped, for the operator
   */
  public BatchCommit withRefusedRows(
      Map<String, CrawlError> refusedPostErrors,
      List<CrawlError> errors,
      List<CommentRecord> comments,
      List<String> extraWarnings) {
    List<PostRecord> kept =
        posts.stream().filter(p -> !refusedPostErrors.containsKey(p.id())).toList();
    int refused = posts.size() - kept.size();
    List<CrawlError> allErrors = new java.util.ArrayList<>(errors);
    allErrors.addAll(refusedPostErrors.values());
    List<String> allWarnings = new java.util.ArrayList<>(warnings);
    allWarnings.addAll(extraWarnings);
    BatchCounts recounted =
        new BatchCounts(
            counts.items(),
            counts.succeeded() - refused,
            counts.crawlerErrors(),
            counts.analysisErrors() + refused,
            counts.expected());
    AnalyzeResult recountedResult =
        result == null
            ? null
            : new AnalyzeResult(
                result.projectId(),
                result.jobId(),
                result.batchSize(),
                result.successCount() - refused,
                result.errorCount() + refused);
    return new BatchCommit(
        eventId,
        recounted.analysisErrors() > 0 ? BatchStatus.PARTIAL : status,
        projectId,
        platform,
        kept,
        comments,
        allErrors,
        recounted,
        recountedResult,
        flags,
        allWarnings,
        fetchTime,
        processingTime,
        finishedAt,
        replay);
  }
}
