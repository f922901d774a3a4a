package smap.analytics.adapter.postgres;

import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;
import static smap.analytics.adapter.postgres.schema.Tables.POST_ANALYTICS;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.application.port.out.BatchFailure;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchStart;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.ledger.BatchEntry;

/**
 * Adapter: the batch ledger and everything a batch writes, in PostgreSQL through typed jOOQ. An
 * attempt starts in one statement ({@link LedgerAttempts}); a batch ends in one transaction that
 * locks the ledger row, writes the rows in one multi-row statement per table and the final state in
 * one more ({@link BatchCommitWriter}).
 */
public final class JooqBatchLedgerAdapter implements BatchLedgerPort {

  /** Bound of the stored raw message. */
  public static final int MAX_RAW_BODY = 64 * 1024;

  private final DSLContext dsl;

  public JooqBatchLedgerAdapter(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public Optional<BatchEntry> find(EventId eventId) {
    return translated(() -> LedgerAttempts.find(dsl, eventId));
  }

  @Override
  public AttemptStart begin(BatchStart start) {
    return translated(() -> LedgerAttempts.begin(dsl, start, false));
  }

  @Override
  public AttemptStart beginUnlessFinished(BatchStart start) {
    return translated(() -> LedgerAttempts.begin(dsl, start, true));
  }

  @Override
  public int countDuplicate(EventId eventId) {
    return translated(
        () ->
            dsl.update(BATCH_LEDGER)
                .set(
                    BATCH_LEDGER.DUPLICATE_DELIVERIES,
                    BATCH_LEDGER.DUPLICATE_DELIVERIES.plus(DSL.inline(1)))
                .where(BATCH_LEDGER.EVENT_ID.eq(eventId.value()))
                .returningResult(BATCH_LEDGER.DUPLICATE_DELIVERIES)
                .fetchOptional()
                .map(r -> r.value1())
                .orElse(0));
  }

  @Override
  public CommitOutcome commit(BatchCommit commit) {
    return translated(() -> BatchCommitWriter.commit(dsl, commit));
  }

  @Override
  public CommitOutcome fail(BatchFailure failure) {
    return translated(() -> BatchCommitWriter.fail(dsl, failure));
  }

  @Override
  public Set<String> storedPostIds(EventId eventId) {
    return translated(
        () ->
            dsl
                .select(POST_ANALYTICS.ID)
                .from(POST_ANALYTICS)
                .where(POST_ANALYTICS.EVENT_ID.eq(eventId.value()))
                .fetchInto(String.class)
                .stream()
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
  }

  @Override
  public void retrying(EventId eventId, String error, Instant nextAttemptAt) {
    translated(
        () -> {
          LedgerAttempts.retrying(dsl, eventId, error, nextAttemptAt);
          return null;
        });
  }

  private static <T> T translated(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }
}
