package smap.analytics.adapter.postgres.console;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;
import static smap.analytics.adapter.postgres.schema.Tables.REPLAY_JOBS;
import static smap.analytics.adapter.postgres.schema.Tables.REPLAY_JOB_ITEMS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import smap.analytics.adapter.postgres.schema.tables.records.ReplayJobsRecord;
import smap.analytics.application.port.out.console.ReplayJobPort;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.replay.ReplayJob;
import smap.analytics.domain.replay.ReplayJobState;

/**
 * Adapter: replay jobs in PostgreSQL (typed jOOQ over the generated schema); the frozen set is
 * copied from the ledger in one statement.
 */
public final class JooqReplayJobAdapter implements ReplayJobPort {

  private static final String PENDING = "PENDING";
  private static final String TAKEN = "RUNNING";

  private final DSLContext dsl;

  public JooqReplayJobAdapter(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public ReplayJob createDraft(NewJob job, BatchFilter f, int max) {
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = DSL.using(cfg);
          Long existing =
              tx.select(REPLAY_JOBS.ID)
                  .from(REPLAY_JOBS)
                  .where(REPLAY_JOBS.IDEMPOTENCY_KEY.eq(job.idempotencyKey()))
                  .fetchOne(REPLAY_JOBS.ID);
          if (existing != null) {
            return find(tx, existing).orElseThrow();
          }
          long id =
              tx.insertInto(REPLAY_JOBS)
                  .set(REPLAY_JOBS.IDEMPOTENCY_KEY, job.idempotencyKey())
                  .set(REPLAY_JOBS.CREATED_BY, job.createdBy())
                  .set(REPLAY_JOBS.CREATED_AT, job.createdAt())
                  .set(REPLAY_JOBS.REASON, job.reason())
                  .set(REPLAY_JOBS.FILTER, job.filterText())
                  .set(REPLAY_JOBS.REPUBLISH, job.republish())
                  .set(REPLAY_JOBS.RATE_PER_SECOND, job.ratePerSecond())
                  .set(REPLAY_JOBS.STATUS, ReplayJobState.DRAFT.name())
                  .set(REPLAY_JOBS.UPDATED_AT, job.createdAt())
                  .returning(REPLAY_JOBS.ID)
                  .fetchOne(REPLAY_JOBS.ID);
          var newest = List.of(BATCH_LEDGER.RECEIVED_AT.desc(), BATCH_LEDGER.EVENT_ID.desc());
          var frozen =
              select(BATCH_LEDGER.EVENT_ID, BATCH_LEDGER.RECEIVED_AT)
                  .from(BATCH_LEDGER)
                  .where(replayable(f))
                  .orderBy(newest)
                  .limit(max)
                  .asTable("s");
          Field<String> eventId = frozen.field(BATCH_LEDGER.EVENT_ID);
          tx.insertInto(
                  REPLAY_JOB_ITEMS,
                  REPLAY_JOB_ITEMS.JOB_ID,
                  REPLAY_JOB_ITEMS.SEQ,
                  REPLAY_JOB_ITEMS.EVENT_ID)
              .select(
                  select(
                          inline(id),
                          rowNumber()
                              .over()
                              .orderBy(
                                  frozen.field(BATCH_LEDGER.RECEIVED_AT).desc(), eventId.desc())
                              .cast(Integer.class),
                          eventId)
                      .from(frozen))
              .execute();
          tx.update(REPLAY_JOBS)
              .set(
                  REPLAY_JOBS.TOTAL,
                  select(count())
                      .from(REPLAY_JOB_ITEMS)
                      .where(REPLAY_JOB_ITEMS.JOB_ID.eq(id))
                      .<Integer>asField())
              .where(REPLAY_JOBS.ID.eq(id))
              .execute();
          return find(tx, id).orElseThrow();
        });
  }

  /** Finished batches matching the filter: what a job may freeze. */
  private static Condition replayable(BatchFilter f) {
    List<String> finished =
        java.util.Arrays.stream(BatchStatus.values())
            .filter(BatchStatus::replayable)
            .map(BatchStatus::name)
            .toList();
    Condition where = BATCH_LEDGER.STATUS.in(finished);
    where = where.and(equalUnlessBlank(BATCH_LEDGER.STATUS, f.status()));
    where = where.and(equalUnlessBlank(BATCH_LEDGER.PLATFORM, f.platform()));
    where = where.and(equalUnlessBlank(BATCH_LEDGER.PROJECT_ID, f.projectId()));
    where = where.and(equalUnlessBlank(BATCH_LEDGER.JOB_ID, f.jobId()));
    if (f.error() != null && !f.error().isBlank()) {
      where = where.and(BATCH_LEDGER.LAST_ERROR.containsIgnoreCase(f.error()));
    }
    if (f.search() != null && !f.search().isBlank()) {
      where = where.and(BATCH_LEDGER.EVENT_ID.startsWith(f.search()));
    }
    if (f.from() != null) {
      where = where.and(BATCH_LEDGER.RECEIVED_AT.ge(f.from()));
    }
    if (f.to() != null) {
      where = where.and(BATCH_LEDGER.RECEIVED_AT.lt(f.to()));
    }
    return where;
  }

  private static Condition equalUnlessBlank(TableField<?, String> field, String value) {
    return value == null || value.isBlank() ? DSL.noCondition() : field.eq(value);
  }

  @Override
  public Optional<ReplayJob> find(long id) {
    return find(dsl, id);
  }

  private static Optional<ReplayJob> find(DSLContext ctx, long id) {
    return ctx.selectFrom(REPLAY_JOBS)
        .where(REPLAY_JOBS.ID.eq(id))
        .fetchOptional()
        .map(JooqReplayJobAdapter::job);
  }

  private static ReplayJob job(ReplayJobsRecord r) {
    return new ReplayJob(
        r.getId(),
        r.getCreatedBy(),
        r.getCreatedAt(),
        r.getReason(),
        r.getFilter(),
        r.getRepublish(),
        r.getRatePerSecond(),
        ReplayJobState.parse(r.getStatus()),
        r.getTotal(),
        r.getDone(),
        r.getFailed(),
        r.getSkipped(),
        r.getUpdatedAt());
  }

  @Override
  public List<String> sample(long id, int limit) {
    return dsl.select(REPLAY_JOB_ITEMS.EVENT_ID)
        .from(REPLAY_JOB_ITEMS)
        .where(REPLAY_JOB_ITEMS.JOB_ID.eq(id))
        .orderBy(REPLAY_JOB_ITEMS.SEQ)
        .limit(limit)
        .fetch(REPLAY_JOB_ITEMS.EVENT_ID);
  }

  @Override
  public List<ReplayJob> list(int limit) {
    return dsl.selectFrom(REPLAY_JOBS)
        .orderBy(REPLAY_JOBS.ID.desc())
        .limit(limit)
        .fetch(JooqReplayJobAdapter::job);
  }

  @Override
  public boolean setStatus(long id, ReplayJobState status, Instant at) {
    return dsl.update(REPLAY_JOBS)
            .set(REPLAY_JOBS.STATUS, status.name())
            .set(REPLAY_JOBS.UPDATED_AT, at)
            .where(REPLAY_JOBS.ID.eq(id))
            .execute()
        == 1;
  }

  @Override
  public Optional<String> claimNext(long id, Instant now, Instant staleBefore) {
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = DSL.using(cfg);
          // An item whose runner died (taken before staleBefore, never finished) first, then the
          // next pending one; each query reads one partial index.
          Record2<Integer, String> item =
              nextItem(
                  tx,
                  id,
                  REPLAY_JOB_ITEMS
                      .STATE
                      .eq(TAKEN)
                      .and(REPLAY_JOB_ITEMS.CLAIMED_AT.lt(staleBefore)));
          if (item == null) {
            item = nextItem(tx, id, REPLAY_JOB_ITEMS.STATE.eq(PENDING));
          }
          if (item == null) {
            return Optional.empty();
          }
          tx.update(REPLAY_JOB_ITEMS)
              .set(REPLAY_JOB_ITEMS.STATE, TAKEN)
              .set(REPLAY_JOB_ITEMS.CLAIMED_AT, now)
              .where(REPLAY_JOB_ITEMS.JOB_ID.eq(id), REPLAY_JOB_ITEMS.SEQ.eq(item.value1()))
              .execute();
          return Optional.of(item.value2());
        });
  }

  private static Record2<Integer, String> nextItem(DSLContext tx, long id, Condition state) {
    return tx.select(REPLAY_JOB_ITEMS.SEQ, REPLAY_JOB_ITEMS.EVENT_ID)
        .from(REPLAY_JOB_ITEMS)
        .join(REPLAY_JOBS)
        .on(REPLAY_JOBS.ID.eq(REPLAY_JOB_ITEMS.JOB_ID))
        .where(
            REPLAY_JOB_ITEMS.JOB_ID.eq(id),
            state,
            REPLAY_JOBS.STATUS.eq(ReplayJobState.RUNNING.name()))
        .orderBy(REPLAY_JOB_ITEMS.SEQ)
        .limit(1)
        .forUpdate()
        .of(REPLAY_JOB_ITEMS)
        .skipLocked()
        .fetchOne();
  }

  @Override
  public int unfinished(long id) {
    return dsl.fetchCount(
        REPLAY_JOB_ITEMS,
        REPLAY_JOB_ITEMS.JOB_ID.eq(id).and(REPLAY_JOB_ITEMS.STATE.in(PENDING, TAKEN)));
  }

  @Override
  public void finishItem(long id, String eventId, ItemResult result, String message, Instant at) {
    TableField<ReplayJobsRecord, Integer> counter =
        switch (result) {
          case DONE -> REPLAY_JOBS.DONE;
          case FAILED -> REPLAY_JOBS.FAILED;
          case SKIPPED -> REPLAY_JOBS.SKIPPED;
        };
    dsl.transaction(
        cfg -> {
          DSLContext tx = DSL.using(cfg);
          int finished =
              tx.update(REPLAY_JOB_ITEMS)
                  .set(REPLAY_JOB_ITEMS.STATE, result.name())
                  .set(REPLAY_JOB_ITEMS.MESSAGE, message)
                  .where(
                      REPLAY_JOB_ITEMS.JOB_ID.eq(id),
                      REPLAY_JOB_ITEMS.EVENT_ID.eq(eventId),
                      REPLAY_JOB_ITEMS.STATE.eq(TAKEN))
                  .execute();
          if (finished == 0) {
            // Finished already, by the runner that took it again after this one's lease ran out.
            return;
          }
          tx.update(REPLAY_JOBS)
              .set(counter, counter.plus(1))
              .set(REPLAY_JOBS.UPDATED_AT, at)
              .where(REPLAY_JOBS.ID.eq(id))
              .execute();
        });
  }
}
