package smap.analytics.adapter.postgres.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import smap.analytics.adapter.postgres.JooqBatchLedgerAdapter;
import smap.analytics.application.port.out.console.ConsoleQueryPort.BatchFilter;
import smap.analytics.application.port.out.console.ReplayJobPort;

/**
 * Adapter: replay jobs in PostgreSQL; the frozen set is copied from the ledger in one statement.
 */
public final class JooqReplayJobAdapter implements ReplayJobPort {

  private final DSLContext dsl;

  public JooqReplayJobAdapter(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public ReplayJob createDraft(NewJob job, BatchFilter f, int max) {
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = DSL.using(cfg);
          Record existing =
              tx.fetchOne(
                  "SELECT id FROM replay_jobs WHERE idempotency_key = ?", job.idempotencyKey());
          if (existing != null) {
            return find(tx, existing.get("id", Long.class)).orElseThrow();
          }
          long id =
              ((Number)
                      tx.fetchValue(
                          "INSERT INTO replay_jobs (idempotency_key, created_by, created_at, reason, filter, republish, rate_per_second,"
                              + " status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?) RETURNING id",
                          job.idempotencyKey(),
                          job.createdBy(),
                          JooqBatchLedgerAdapter.ts(job.createdAt()),
                          job.reason(),
                          job.filterText(),
                          job.republish(),
                          job.ratePerSecond(),
                          JooqBatchLedgerAdapter.ts(job.createdAt())))
                  .longValue();
          StringBuilder where =
              new StringBuilder(
                  " WHERE status IN ('SUCCEEDED', 'PARTIAL', 'FAILED', 'REJECTED', 'PARKED')");
          List<Object> binds = new ArrayList<>();
          binds.add(id);
          add(where, binds, " AND status = ?", f.status());
          add(where, binds, " AND platform = ?", f.platform());
          add(where, binds, " AND project_id = ?", f.projectId());
          add(where, binds, " AND job_id = ?", f.jobId());
          if (f.error() != null && !f.error().isBlank()) {
            where.append(" AND last_error ILIKE ?");
            binds.add(
                "%"
                    + f.error().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    + "%");
          }
          if (f.search() != null && !f.search().isBlank()) {
            where.append(" AND event_id LIKE ?");
            binds.add(
                f.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
          }
          if (f.from() != null) {
            where.append(" AND received_at >= ?");
            binds.add(JooqBatchLedgerAdapter.ts(f.from()));
          }
          if (f.to() != null) {
            where.append(" AND received_at < ?");
            binds.add(JooqBatchLedgerAdapter.ts(f.to()));
          }
          binds.add(max);
          tx.execute(
              "INSERT INTO replay_job_items (job_id, seq, event_id) SELECT ?, row_number() OVER (ORDER BY received_at DESC, event_id DESC),"
                  + " event_id FROM (SELECT event_id, received_at FROM batch_ledger"
                  + where
                  + " ORDER BY received_at DESC, event_id DESC LIMIT ?) s",
              binds.toArray());
          tx.execute(
              "UPDATE replay_jobs SET total = (SELECT count(*) FROM replay_job_items WHERE job_id = ?) WHERE id = ?",
              id,
              id);
          return find(tx, id).orElseThrow();
        });
  }

  private static void add(StringBuilder sql, List<Object> binds, String clause, String value) {
    if (value != null && !value.isBlank()) {
      sql.append(clause);
      binds.add(value);
    }
  }

  @Override
  public Optional<ReplayJob> find(long id) {
    return find(dsl, id);
  }

  private static Optional<ReplayJob> find(DSLContext ctx, long id) {
    Record r = ctx.fetchOne("SELECT * FROM replay_jobs WHERE id = ?", id);
    return Optional.ofNullable(r).map(JooqReplayJobAdapter::job);
  }

  private static ReplayJob job(Record r) {
    return new ReplayJob(
        r.get("id", Long.class),
        r.get("created_by", String.class),
        JooqBatchLedgerAdapter.instant(r.get("created_at")),
        r.get("reason", String.class),
        r.get("filter", String.class),
        r.get("republish", Boolean.class),
        r.get("rate_per_second", Integer.class),
        r.get("status", String.class),
        r.get("total", Integer.class),
        r.get("done", Integer.class),
        r.get("failed", Integer.class),
        r.get("skipped", Integer.class),
        JooqBatchLedgerAdapter.instant(r.get("updated_at")));
  }

  @Override
  public List<String> sample(long id, int limit) {
    List<String> ids = new ArrayList<>();
    for (Record r :
        dsl.fetch(
            "SELECT event_id FROM replay_job_items WHERE job_id = ? ORDER BY seq LIMIT ?",
            id,
            limit)) {
      ids.add(r.get("event_id", String.class));
    }
    return ids;
  }

  @Override
  public List<ReplayJob> list(int limit) {
    List<ReplayJob> list = new ArrayList<>();
    for (Record r : dsl.fetch("SELECT * FROM replay_jobs ORDER BY id DESC LIMIT ?", limit)) {
      list.add(job(r));
    }
    return list;
  }

  @Override
  public boolean setStatus(long id, String status, Instant at) {
    return dsl.execute(
            "UPDATE replay_jobs SET status = ?, updated_at = ? WHERE id = ?",
            status,
            JooqBatchLedgerAdapter.ts(at),
            id)
        == 1;
  }

  @Override
  public Optional<String> claimNext(long id, Instant now, Instant staleBefore) {
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = DSL.using(cfg);
          // An item whose runner died (taken before staleBefore, never finished) first, then the
          // next pending one; each query reads one partial index.
          Record r =
              tx.fetchOne(
                  "SELECT i.seq, i.event_id FROM replay_job_items i JOIN replay_jobs j ON j.id = i.job_id WHERE i.job_id = ? AND"
                      + " i.state = 'RUNNING' AND i.claimed_at < ? AND j.status = 'RUNNING' ORDER BY i.seq LIMIT 1"
                      + " FOR UPDATE OF i SKIP LOCKED",
                  id,
                  JooqBatchLedgerAdapter.ts(staleBefore));
          if (r == null) {
            r =
                tx.fetchOne(
                    "SELECT i.seq, i.event_id FROM replay_job_items i JOIN replay_jobs j ON j.id = i.job_id WHERE i.job_id = ? AND"
                        + " i.state = 'PENDING' AND j.status = 'RUNNING' ORDER BY i.seq LIMIT 1 FOR UPDATE OF i SKIP LOCKED",
                    id);
          }
          if (r == null) {
            return Optional.empty();
          }
          tx.execute(
              "UPDATE replay_job_items SET state = 'RUNNING', claimed_at = ? WHERE job_id = ? AND seq = ?",
              JooqBatchLedgerAdapter.ts(now),
              id,
              r.get("seq", Integer.class));
          return Optional.of(r.get("event_id", String.class));
        });
  }

  @Override
  public int unfinished(long id) {
    return ((Number)
            dsl.fetchValue(
                "SELECT count(*) FROM replay_job_items WHERE job_id = ? AND state IN ('PENDING', 'RUNNING')",
                id))
        .intValue();
  }

  @Override
  public void finishItem(long id, String eventId, String state, String message, Instant at) {
    String column =
        switch (state) {
          case "DONE" -> "done";
          case "FAILED" -> "failed";
          default -> "skipped";
        };
    dsl.transaction(
        cfg -> {
          DSLContext tx = DSL.using(cfg);
          int finished =
              tx.execute(
                  "UPDATE replay_job_items SET state = ?, message = ? WHERE job_id = ? AND event_id = ?"
                      + " AND state = 'RUNNING'",
                  state,
                  message,
                  id,
                  eventId);
          if (finished == 0) {
            // Finished already, by the runner that took it again after this one's lease ran out.
            return;
          }
          tx.execute(
              "UPDATE replay_jobs SET "
                  + column
                  + " = "
                  + column
                  + " + 1, updated_at = ? WHERE id = ?",
              JooqBatchLedgerAdapter.ts(at),
              id);
        });
  }
}
