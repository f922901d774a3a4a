package smap.analytics.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.application.port.out.BatchFailure;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchStart;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.error.ErrorSource;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;

/** Fake: the ledger and the analytics tables in memory, with the adapter's idempotency rules. */
public final class InMemoryBatchLedger implements BatchLedgerPort {

  /** Bound of the stored raw body, as the adapter's. */
  public static final int MAX_RAW_BODY = 64 * 1024;

  private final Map<String, BatchEntry> entries = new LinkedHashMap<>();
  private final Map<String, PostRecord> posts = new LinkedHashMap<>();
  private final Map<String, CommentRecord> comments = new LinkedHashMap<>();
  private final Map<String, CrawlError> errors = new LinkedHashMap<>();
  private final Map<String, String> errorEvents = new LinkedHashMap<>();
  private final Map<String, Integer> duplicates = new LinkedHashMap<>();
  private final InMemoryResultOutbox outbox;
  private volatile boolean down;

  public InMemoryBatchLedger(InMemoryResultOutbox outbox) {
    this.outbox = outbox;
  }

  private java.util.function.Predicate<BatchCommit> refusedSummary = c -> false;

  /**
   * Makes {@link #commit} refuse the commits that match, as PostgreSQL refuses a value (a
   * constraint, a trigger), writing nothing.
   */
  public void refuseSummaryWhen(java.util.function.Predicate<BatchCommit> refused) {
    this.refusedSummary = refused;
  }

  /** Makes every call fail as an unreachable database would. */
  public void setDown(boolean down) {
    this.down = down;
  }

  private void check() {
    if (down) {
      throw new DependencyUnavailableException(
          Dependency.DATABASE, "connection refused (fake)", null);
    }
  }

  public synchronized Map<String, PostRecord> posts() {
    return Map.copyOf(posts);
  }

  public synchronized List<CommentRecord> comments() {
    return List.copyOf(comments.values());
  }

  /** Error rows of one event. */
  public synchronized List<CrawlError> errors(EventId eventId) {
    List<CrawlError> list = new ArrayList<>();
    errors.forEach(
        (key, error) -> {
          if (errorEvents.get(key).equals(eventId.value())) {
            list.add(error);
          }
        });
    return list;
  }

  @Override
  public synchronized Optional<BatchEntry> find(EventId eventId) {
    check();
    return Optional.ofNullable(entries.get(eventId.value()));
  }

  @Override
  public synchronized int countDuplicate(EventId eventId) {
    check();
    if (!entries.containsKey(eventId.value())) {
      return 0;
    }
    return duplicates.merge(eventId.value(), 1, Integer::sum);
  }

  @Override
  public synchronized AttemptStart begin(BatchStart start) {
    check();
    String id = start.context().eventId().value();
    BatchEntry previous = entries.get(id);
    int attempt = previous == null ? 1 : previous.attempts() + 1;
    if (previous != null && previous.status().terminal()) {
      BatchEntry p = previous;
      entries.put(
          id,
          new BatchEntry(
              p.context(),
              p.status(),
              attempt,
              p.replays(),
              p.queue(),
              p.format(),
              p.objectPath(),
              p.projectId(),
              p.platform(),
              p.counts(),
              p.lastError(),
              p.lastErrorDetail(),
              p.flags(),
              p.warnings(),
              p.rawBody(),
              p.rawBodyTruncated(),
              p.receivedAt(),
              start.startedAt(),
              p.finishedAt(),
              p.fetchMillis(),
              p.processingMillis()));
      return new AttemptStart(attempt, Optional.of(previous));
    }
    byte[] body = start.rawBody();
    boolean truncated = body.length > MAX_RAW_BODY;
    BatchEntry entry =
        new BatchEntry(
            start.context(),
            previous != null && previous.status().terminal()
                ? previous.status()
                : BatchStatus.PROCESSING,
            attempt,
            previous == null ? 0 : previous.replays(),
            start.queue(),
            start.format(),
            start.objectPath(),
            previous == null ? start.context().projectId() : previous.projectId(),
            start.context().platform() == null ? "UNKNOWN" : start.context().platform().name(),
            previous == null ? BatchCounts.NONE : previous.counts(),
            previous == null ? null : previous.lastError(),
            null,
            Map.of(),
            List.of(),
            previous == null
                ? (truncated ? Arrays.copyOf(body, MAX_RAW_BODY) : body)
                : previous.rawBody(),
            previous == null ? truncated : previous.rawBodyTruncated(),
            previous == null ? start.startedAt() : previous.receivedAt(),
            start.startedAt(),
            null,
            0,
            0);
    entries.put(id, entry);
    return new AttemptStart(attempt, Optional.ofNullable(previous));
  }

  @Override
  public synchronized CommitOutcome commit(BatchCommit c) {
    check();
    if (refusedSummary.test(c)) {
      throw new smap.analytics.domain.failure.StorageRefusedException(
          "new row for relation \"batch_ledger\" violates check constraint (fake)", null);
    }
    BatchEntry current = require(c.eventId());
    if (current.status().terminal() && !c.replay()) {
      return CommitOutcome.ALREADY_COMMITTED;
    }
    int replays = current.replays() + (c.replay() ? 1 : 0);
    if (c.replay()) {
      errors
          .entrySet()
          .removeIf(
              e ->
                  errorEvents.get(e.getKey()).equals(c.eventId().value())
                      && e.getValue().source() == ErrorSource.ANALYTICS);
    }
    for (PostRecord post : c.posts()) {
      posts.put(post.id(), post);
    }
    for (CommentRecord comment : c.comments()) {
      comments.putIfAbsent(comment.postId() + "/" + comment.commentId(), comment);
    }
    for (CrawlError error : c.errors()) {
      String key = c.eventId().value() + "/" + error.contentId() + "/" + error.code().value();
      if (errors.putIfAbsent(key, error) == null) {
        errorEvents.put(key, c.eventId().value());
      }
    }
    entries.put(
        c.eventId().value(),
        new BatchEntry(
            current.context(),
            c.status(),
            current.attempts(),
            replays,
            current.queue(),
            current.format(),
            current.objectPath(),
            c.projectId(),
            c.platform().name(),
            c.counts(),
            null,
            null,
            c.flags(),
            c.warnings(),
            current.rawBody(),
            current.rawBodyTruncated(),
            current.receivedAt(),
            current.startedAt(),
            c.finishedAt(),
            c.fetchTime().toMillis(),
            c.processingTime().toMillis()));
    outbox(c.eventId(), c.result(), c.replay(), replays);
    return CommitOutcome.COMMITTED;
  }

  @Override
  public synchronized CommitOutcome fail(BatchFailure f) {
    check();
    BatchEntry current = require(f.eventId());
    if (current.status().terminal() && !f.replay()) {
      return CommitOutcome.ALREADY_COMMITTED;
    }
    int replays = current.replays() + (f.replay() ? 1 : 0);
    entries.put(
        f.eventId().value(),
        new BatchEntry(
            current.context(),
            f.status(),
            current.attempts(),
            replays,
            current.queue(),
            current.format(),
            current.objectPath(),
            f.projectId() == null ? current.projectId() : f.projectId(),
            f.platform().name(),
            current.counts(),
            f.reason(),
            f.detail(),
            f.flags(),
            f.warnings(),
            current.rawBody(),
            current.rawBodyTruncated(),
            current.receivedAt(),
            current.startedAt(),
            f.finishedAt(),
            0,
            0));
    outbox(f.eventId(), f.result(), f.replay(), replays);
    return CommitOutcome.COMMITTED;
  }

  @Override
  public synchronized java.util.Set<String> storedPostIds(EventId eventId) {
    check();
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    posts.forEach(
        (id, post) -> {
          if (eventId.value().equals(post.crawl().eventId())) {
            ids.add(id);
          }
        });
    return ids;
  }

  @Override
  public synchronized void retrying(EventId eventId, String error, Instant nextAttemptAt) {
    check();
    BatchEntry c = require(eventId);
    if (c.status().terminal()) {
      return;
    }
    entries.put(
        eventId.value(),
        new BatchEntry(
            c.context(),
            BatchStatus.RETRYING,
            c.attempts(),
            c.replays(),
            c.queue(),
            c.format(),
            c.objectPath(),
            c.projectId(),
            c.platform(),
            c.counts(),
            error,
            null,
            c.flags(),
            c.warnings(),
            c.rawBody(),
            c.rawBodyTruncated(),
            c.receivedAt(),
            c.startedAt(),
            null,
            0,
            0));
  }

  private BatchEntry require(EventId eventId) {
    BatchEntry entry = entries.get(eventId.value());
    if (entry == null) {
      throw new IllegalStateException("no ledger entry for " + eventId + "; begin() first");
    }
    return entry;
  }

  private void outbox(EventId eventId, AnalyzeResult result, boolean replay, int replays) {
    if (result != null) {
      outbox.add(
          eventId, replay ? eventId.value() + "#replay-" + replays : eventId.value(), result);
    }
  }
}
