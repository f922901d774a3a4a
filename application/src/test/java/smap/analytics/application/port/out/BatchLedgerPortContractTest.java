package smap.analytics.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.BatchLedgerPort.AttemptStart;
import smap.analytics.application.port.out.BatchLedgerPort.CommitOutcome;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.error.ErrorCode;
import smap.analytics.domain.error.ErrorSource;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.MessageFormat;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;

/**
 * Contract of {@link BatchLedgerPort} together with {@link ResultOutboxPort}: the in-memory fake
 * and the PostgreSQL adapter both pass it.
 */
public abstract class BatchLedgerPortContractTest {

  protected static final Instant NOW =
      Instant.parse("2025-12-17T10:00:00Z").truncatedTo(ChronoUnit.MILLIS);

  /** A fresh ledger over empty storage. */
  protected abstract BatchLedgerPort ledger();

  /** The outbox the ledger writes to. */
  protected abstract ResultOutboxPort outbox();

  protected static EventContext context(String eventId) {
    return new EventContext(
        EventId.of(eventId),
        "data.collected",
        NOW,
        "proj",
        "proj-brand-0",
        3,
        2,
        Platform.TIKTOK,
        "research_and_crawl",
        "VinFast",
        "VF8");
  }

  protected static BatchStart start(String eventId, byte[] body) {
    return new BatchStart(
        context(eventId),
        "analytics.data.collected",
        MessageFormat.BATCH_EVENT,
        "bucket/key.json",
        body,
        NOW);
  }

  protected static PostRecord post(String id, String eventId) {
    return new PostRecord(
        id,
        "proj",
        Platform.TIKTOK,
        NOW.minus(1, ChronoUnit.DAYS),
        NOW,
        new PostRecord.Sentiment("POSITIVE", 1.0, 0.8),
        "DISCUSSION",
        1.0,
        new PostRecord.Impact(7.5, "LOW", false, true),
        Map.of("PRICE", Map.of("label", "NEGATIVE")),
        List.of(Map.of("keyword", "giá", "aspect", "PRICE", "score", 1.0, "source", "DICT")),
        Map.of("NEGATIVE", 0.1, "POSITIVE", 0.8, "NEUTRAL", 0.1),
        Map.of("raw_impact", 7500.0),
        new PostRecord.Metrics(3_000_000_000L, 500, 50, 10, 5, 50_000),
        3,
        "1.0.0",
        new PostRecord.CrawlMetadata(
            eventId,
            "proj-brand-0",
            3,
            "research_and_crawl",
            "VF8",
            NOW,
            "crawler_tiktok_v3",
            "VinFast",
            "VF8"),
        new PostRecord.Content("xe đẹp", null, 30, List.of("vinfast"), "https://t/1"),
        new PostRecord.AuthorInfo("a1", "Author", "author", null, true));
  }

  /** {@code post} as crawled from {@code platform} with {@code content}. */
  protected static PostRecord withContent(
      PostRecord post, Platform platform, PostRecord.Content content) {
    return new PostRecord(
        post.id(),
        post.projectId(),
        platform,
        post.publishedAt(),
        post.analyzedAt(),
        post.sentiment(),
        post.primaryIntent(),
        post.intentConfidence(),
        post.impact(),
        post.aspectsBreakdown(),
        post.keywords(),
        post.sentimentProbabilities(),
        post.impactBreakdown(),
        post.metrics(),
        post.processingTimeMs(),
        post.modelVersion(),
        post.crawl(),
        content,
        post.author());
  }

  protected static CrawlError crawlerError(String contentId) {
    return new CrawlError(
        contentId,
        "TIKTOK",
        ErrorCode.of("CONTENT_REMOVED"),
        false,
        ErrorSource.CRAWLER,
        "removed",
        Map.of("status", 404),
        "https://t/x");
  }

  protected static BatchCommit commit(String eventId, AnalyzeResult result, boolean replay) {
    return new BatchCommit(
        EventId.of(eventId),
        BatchStatus.SUCCEEDED,
        "proj",
        Platform.TIKTOK,
        List.of(post(eventId + "-p1", eventId)),
        List.of(new CommentRecord(eventId + "-p1", "c1", "hay", "u", 2, NOW)),
        List.of(crawlerError(eventId + "-x")),
        new BatchCounts(2, 1, 1, 0, 50),
        result,
        Map.of("batch-format", true),
        List.of("size mismatch"),
        Duration.ofMillis(12),
        Duration.ofMillis(80),
        NOW.plusSeconds(1),
        replay);
  }

  @Test
  void beginCreatesAnEntryOnceAndCountsAttempts() {
    BatchLedgerPort ledger = ledger();
    AttemptStart first = ledger.begin(start("b1", "{}".getBytes(StandardCharsets.UTF_8)));
    AttemptStart second = ledger.begin(start("b1", "{}".getBytes(StandardCharsets.UTF_8)));

    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.previous()).isEmpty();
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.previous())
        .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(BatchStatus.PROCESSING));
    BatchEntry entry = ledger.find(EventId.of("b1")).orElseThrow();
    assertThat(entry.attempts()).isEqualTo(2);
    assertThat(entry.context().jobId()).isEqualTo("proj-brand-0");
    assertThat(entry.context().batchIndex()).isEqualTo(3);
    assertThat(entry.format()).isEqualTo(MessageFormat.BATCH_EVENT);
    assertThat(entry.objectPath()).isEqualTo("bucket/key.json");
    assertThat(new String(entry.rawBody(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void beginUnlessFinishedCountsAttemptsButLeavesATerminalEntryAsItIs() {
    BatchLedgerPort ledger = ledger();
    AttemptStart first = ledger.beginUnlessFinished(start("b10", new byte[0]));
    AttemptStart second = ledger.beginUnlessFinished(start("b10", new byte[0]));
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.previous()).isEmpty();
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.finished()).isFalse();
    assertThat(second.previous())
        .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(BatchStatus.PROCESSING));

    ledger.commit(commit("b10", null, false));
    AttemptStart duplicate = ledger.beginUnlessFinished(start("b10", new byte[0]));

    assertThat(duplicate.finished()).isTrue();
    assertThat(duplicate.previous())
        .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(BatchStatus.SUCCEEDED));
    BatchEntry entry = ledger.find(EventId.of("b10")).orElseThrow();
    assertThat(entry.attempts()).isEqualTo(2);
    assertThat(entry.status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(ledger.begin(start("b10", new byte[0])).attempt()).isEqualTo(3);
    assertThat(ledger.find(EventId.of("b10")).orElseThrow().status())
        .isEqualTo(BatchStatus.SUCCEEDED);
  }

  @Test
  void duplicateDeliveriesAreCountedOnTheEntryAndNothingElseChanges() {
    BatchLedgerPort ledger = ledger();
    assertThat(ledger.countDuplicate(EventId.of("b11"))).as("no entry, nothing counted").isZero();
    ledger.begin(start("b11", new byte[0]));
    ledger.commit(commit("b11", null, false));

    assertThat(ledger.countDuplicate(EventId.of("b11"))).isEqualTo(1);
    assertThat(ledger.countDuplicate(EventId.of("b11"))).isEqualTo(2);
    BatchEntry entry = ledger.find(EventId.of("b11")).orElseThrow();
    assertThat(entry.status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(entry.attempts()).isEqualTo(1);
  }

  @Test
  void aLargeRawBodyIsKeptAsABoundedPrefix() {
    byte[] body = new byte[200_000];
    ledger().begin(start("b2", body));
    BatchEntry entry = ledger().find(EventId.of("b2")).orElseThrow();
    assertThat(entry.rawBody()).hasSize(64 * 1024);
    assertThat(entry.rawBodyTruncated()).isTrue();
  }

  @Test
  void aCommitIsAppliedOnceAndARedeliveryIsReportedAsAlreadyCommitted() {
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("b3", new byte[0]));
    AnalyzeResult result = new AnalyzeResult("proj", "proj-brand-0", 2, 1, 1);

    assertThat(ledger.commit(commit("b3", result, false))).isEqualTo(CommitOutcome.COMMITTED);
    ledger.begin(start("b3", new byte[0]));
    assertThat(ledger.commit(commit("b3", result, false)))
        .isEqualTo(CommitOutcome.ALREADY_COMMITTED);

    BatchEntry entry = ledger.find(EventId.of("b3")).orElseThrow();
    assertThat(entry.status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(entry.counts()).isEqualTo(new BatchCounts(2, 1, 1, 0, 50));
    assertThat(entry.flags()).containsEntry("batch-format", true);
    assertThat(entry.warnings()).containsExactly("size mismatch");
    assertThat(entry.finishedAt()).isEqualTo(NOW.plusSeconds(1));
    List<OutboxMessage> due = outbox().claimDue(10, NOW.plusSeconds(5));
    assertThat(due)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.messageId()).isEqualTo("b3");
              assertThat(m.result()).isEqualTo(result);
            });
  }

  @Test
  void aReplayCommitsAgainWithANewMessageIdOnlyWhenItPublishes() {
    BatchLedgerPort ledger = ledger();
    AnalyzeResult result = new AnalyzeResult("proj", "proj-brand-0", 2, 1, 1);
    ledger.begin(start("b4", new byte[0]));
    ledger.commit(commit("b4", result, false));

    ledger.begin(start("b4", new byte[0]));
    assertThat(ledger.commit(commit("b4", null, true))).isEqualTo(CommitOutcome.COMMITTED);
    ledger.begin(start("b4", new byte[0]));
    assertThat(ledger.commit(commit("b4", result, true))).isEqualTo(CommitOutcome.COMMITTED);

    assertThat(ledger.find(EventId.of("b4")).orElseThrow().replays()).isEqualTo(2);
    assertThat(outbox().claimDue(10, NOW.plusSeconds(5)))
        .extracting(OutboxMessage::messageId)
        .containsExactly("b4", "b4#replay-2");
  }

  @Test
  void aFailureIsTerminalWithItsReasonAndOptionalErrorResult() {
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("b5", new byte[0]));
    BatchFailure failure =
        new BatchFailure(
            EventId.of("b5"),
            BatchStatus.FAILED,
            "object not found: bucket/key.json",
            "trace",
            "proj",
            Platform.TIKTOK,
            AnalyzeResult.allFailed("proj", "proj-brand-0", 50),
            Map.of(),
            List.of(),
            NOW,
            false);

    assertThat(ledger.fail(failure)).isEqualTo(CommitOutcome.COMMITTED);
    assertThat(ledger.fail(failure)).isEqualTo(CommitOutcome.ALREADY_COMMITTED);

    BatchEntry entry = ledger.find(EventId.of("b5")).orElseThrow();
    assertThat(entry.status()).isEqualTo(BatchStatus.FAILED);
    assertThat(entry.lastError()).isEqualTo("object not found: bucket/key.json");
    assertThat(entry.lastErrorDetail()).isEqualTo("trace");
    assertThat(outbox().claimDue(10, NOW.plusSeconds(5)))
        .singleElement()
        .satisfies(m -> assertThat(m.result().errorCount()).isEqualTo(50));
  }

  @Test
  void retryingMarksTheEntryButNeverATerminalOne() {
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("b6", new byte[0]));
    ledger.retrying(EventId.of("b6"), "DATABASE: down", NOW.plusSeconds(4));
    assertThat(ledger.find(EventId.of("b6")).orElseThrow().status())
        .isEqualTo(BatchStatus.RETRYING);
    assertThat(ledger.find(EventId.of("b6")).orElseThrow().lastError()).isEqualTo("DATABASE: down");

    ledger.begin(start("b6", new byte[0]));
    ledger.commit(commit("b6", null, false));
    ledger.retrying(EventId.of("b6"), "late", NOW.plusSeconds(4));
    assertThat(ledger.find(EventId.of("b6")).orElseThrow().status())
        .isEqualTo(BatchStatus.SUCCEEDED);
  }

  @Test
  void anUnroutableResultLeavesTheBacklogAndIsClaimedAgainOnlyAtItsRetryTime() {
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("b9", new byte[0]));
    ledger.commit(commit("b9", new AnalyzeResult("proj", "j-brand-0", 2, 1, 1), false));
    ResultOutboxPort outbox = outbox();
    OutboxMessage claimed = outbox.claimDue(10, NOW.plusSeconds(5)).get(0);
    assertThat(claimed.unroutableReturns()).isZero();

    outbox.markUnroutable(claimed.id(), NOW.plusSeconds(6), NOW.plusSeconds(36));

    assertThat(outbox.backlog()).isZero();
    assertThat(outbox.unroutable(10))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.id()).isEqualTo(claimed.id());
              assertThat(u.eventId()).isEqualTo("b9");
              assertThat(u.jobId()).isEqualTo("j-brand-0");
              assertThat(u.returns()).isEqualTo(1);
              assertThat(u.nextAttemptAt()).isEqualTo(NOW.plusSeconds(36));
            });
    assertThat(outbox.claimDue(10, NOW.plusSeconds(35))).isEmpty();
    OutboxMessage again = outbox.claimDue(10, NOW.plusSeconds(36)).get(0);
    assertThat(again.id()).isEqualTo(claimed.id());
    assertThat(again.unroutableReturns()).isEqualTo(1);
    assertThat(outbox.unroutable(10)).as("being published").isEmpty();

    outbox.markUnroutable(again.id(), NOW.plusSeconds(37), NOW.plusSeconds(3600));
    assertThat(outbox.unroutable(10)).extracting(u -> u.returns()).containsExactly(2);
    assertThat(outbox.resendUnroutable(List.of(again.id(), 999_999L), NOW.plusSeconds(40)))
        .as("an operator's resend makes it due at once; unknown ids are skipped")
        .containsExactly(again.id());
    OutboxMessage resent = outbox.claimDue(10, NOW.plusSeconds(40)).get(0);
    outbox.markPublished(resent.id(), NOW.plusSeconds(41));
    assertThat(outbox.unroutable(10)).isEmpty();
    assertThat(outbox.resendUnroutable(List.of(resent.id()), NOW.plusSeconds(42)))
        .as("a published result is never resent")
        .isEmpty();
    assertThat(outbox.claimDue(10, NOW.plusSeconds(7200))).isEmpty();
  }

  @Test
  void concurrentRelaysNeverClaimTheSameResult() throws Exception {
    BatchLedgerPort ledger = ledger();
    for (int i = 0; i < 40; i++) {
      ledger.begin(start("c" + i, new byte[0]));
      ledger.commit(commit("c" + i, new AnalyzeResult("proj", "j", 2, 1, 1), false));
    }
    ResultOutboxPort outbox = outbox();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<OutboxMessage>>> claims = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        claims.add(pool.submit(() -> outbox.claimDue(7, NOW.plusSeconds(5))));
      }
      List<Long> ids = new java.util.ArrayList<>();
      for (var claim : claims) {
        claim.get().forEach(m -> ids.add(m.id()));
      }
      assertThat(ids).doesNotHaveDuplicates().hasSize(40);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void thePostsAnEventStoredCanBeListed() {
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("b8", new byte[0]));
    ledger.commit(commit("b8", null, false));
    assertThat(ledger.storedPostIds(EventId.of("b8"))).containsExactly("b8-p1");
    assertThat(ledger.storedPostIds(EventId.of("none"))).isEmpty();
  }

  @Test
  void committingWithoutBeginIsAProgrammingError() {
    assertThatThrownBy(() -> ledger().commit(commit("never-begun", null, false)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theOutboxLeasesClaimedRowsAndRetriesFailedOnes() {
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("b7", new byte[0]));
    ledger.commit(commit("b7", new AnalyzeResult("proj", "j", 2, 1, 1), false));
    ResultOutboxPort outbox = outbox();

    List<OutboxMessage> first = outbox.claimDue(10, NOW.plusSeconds(5));
    assertThat(outbox.claimDue(10, NOW.plusSeconds(6))).as("leased rows are hidden").isEmpty();
    outbox.markFailed(first.get(0).id(), "broker down", NOW.plusSeconds(10));
    assertThat(outbox.claimDue(10, NOW.plusSeconds(9))).isEmpty();
    List<OutboxMessage> again = outbox.claimDue(10, NOW.plusSeconds(10));
    assertThat(again).singleElement().satisfies(m -> assertThat(m.attempts()).isEqualTo(2));
    assertThat(outbox.backlog()).isEqualTo(1);
    outbox.markPublished(again.get(0).id(), NOW.plusSeconds(11));
    assertThat(outbox.backlog()).isZero();
    assertThat(outbox.claimDue(10, NOW.plusSeconds(100))).isEmpty();
  }

  @Test
  void aHeldRowIsTakenOverOnlyWithTheLeaseLastSeenAndNeverClaimedAgainMeanwhile() {
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("t1", new byte[0]));
    ledger.commit(commit("t1", new AnalyzeResult("proj", "j", 2, 1, 1), false));
    ResultOutboxPort outbox = outbox();
    OutboxMessage claimed = outbox.claimDue(10, NOW.plusSeconds(5)).get(0);

    assertThat(outbox.expiredLeases(10, NOW.plusSeconds(6))).isEmpty();
    List<ResultOutboxPort.Lease> expired = outbox.expiredLeases(10, NOW.plusSeconds(36));
    assertThat(expired).singleElement().satisfies(l -> assertThat(l.id()).isEqualTo(claimed.id()));
    assertThat(outbox.claimDue(10, NOW.plusSeconds(36))).as("held rows are not claimed").isEmpty();
    assertThat(outbox.backlog()).as("a held row is still backlog").isEqualTo(1);

    outbox.renew(List.of(claimed.id()), NOW.plusSeconds(36));
    assertThat(outbox.expiredLeases(10, NOW.plusSeconds(40))).as("renewed").isEmpty();
    assertThat(outbox.takeOver(claimed.id(), expired.get(0).beat(), NOW.plusSeconds(70)))
        .as("the holder renewed since that lease was seen")
        .isEmpty();

    long beat = outbox.expiredLeases(10, NOW.plusSeconds(70)).get(0).beat();
    assertThat(outbox.takeOver(claimed.id(), beat, NOW.plusSeconds(70)))
        .hasValueSatisfying(m -> assertThat(m.messageId()).isEqualTo(claimed.messageId()));
    assertThat(outbox.takeOver(claimed.id(), beat, NOW.plusSeconds(70))).as("only once").isEmpty();
    outbox.markPublished(claimed.id(), NOW.plusSeconds(71));
    assertThat(outbox.expiredLeases(10, NOW.plusSeconds(3600))).isEmpty();
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  void aReleasedClaimIsDueAgainAtOnceWithoutCountingAnAttempt() {
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("t2", new byte[0]));
    ledger.commit(commit("t2", new AnalyzeResult("proj", "j", 2, 1, 1), false));
    ResultOutboxPort outbox = outbox();
    OutboxMessage claimed = outbox.claimDue(10, NOW.plusSeconds(5)).get(0);

    outbox.release(claimed.id(), NOW.plusSeconds(6));

    assertThat(outbox.claimDue(10, NOW.plusSeconds(6)))
        .singleElement()
        .satisfies(m -> assertThat(m.attempts()).isEqualTo(1));
  }
}
