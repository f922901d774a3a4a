package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.adapter.postgres.console.JooqReplayJobAdapter;
import smap.analytics.application.port.out.console.ConsoleQueryPort.BatchFilter;
import smap.analytics.application.port.out.console.ReplayJobPort.ItemResult;
import smap.analytics.application.port.out.console.ReplayJobPort.NewJob;
import smap.analytics.application.port.out.console.ReplayJobPort.ReplayJob;
import smap.analytics.domain.replay.ReplayJobState;

/** Replay jobs on the real PostgreSQL: claims, leases of dead runners, counting. */
class JooqReplayJobAdapterIT {

  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final BatchFilter FAILED =
      new BatchFilter("FAILED", null, null, null, null, null, null, null);

  private static TestDatabase db;
  private static JooqReplayJobAdapter jobs;

  @BeforeAll
  static void migrateAndSeed() {
    db = new TestDatabase();
    FlywayMigrator.migrate(db.dataSource);
    db.execute(
        "INSERT INTO batch_ledger (event_id, queue, format, project_id, job_id, batch_index, platform, status, attempts,"
            + " items, succeeded, crawler_errors, expected, raw_body, received_at, started_at, finished_at, last_error)"
            + " SELECT 'evt-' || g, 'analytics.data.collected', 'BATCH_EVENT', 'proj-1', 'proj-1-brand-' || g, g,"
            + " 'TIKTOK', 'FAILED', 1, 50, 0, 0, 50, ''::bytea, now() - (g || ' seconds')::interval, now(), now(),"
            + " 'object not found' FROM generate_series(1, 60) g");
    jobs = new JooqReplayJobAdapter(DSL.using(db.dataSource, SQLDialect.POSTGRES));
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private static long runningJob(String key) {
    ReplayJob job =
        jobs.createDraft(
            new NewJob(key, "ana", T0, "retry", "status=FAILED", false, 10), FAILED, 1_000);
    jobs.setStatus(job.id(), ReplayJobState.RUNNING, T0);
    return job.id();
  }

  private static Optional<String> claim(long id, Instant now) {
    return jobs.claimNext(id, now, now.minus(LEASE));
  }

  @Test
  void anItemWhoseRunnerDiedIsTakenAgainAfterTheLeaseAndCountedOnce() {
    long id =
        jobs.createDraft(
                new NewJob("lease", "ana", T0, "retry", "s", false, 10),
                new BatchFilter("FAILED", null, null, null, null, "evt-1", null, null),
                3)
            .id();
    jobs.setStatus(id, ReplayJobState.RUNNING, T0);
    List<String> items = jobs.sample(id, 10);
    assertThat(items).hasSize(3);

    String died = claim(id, T0).orElseThrow();
    String second = claim(id, T0.plusSeconds(1)).orElseThrow();
    String third = claim(id, T0.plusSeconds(2)).orElseThrow();
    assertThat(List.of(died, second, third)).containsExactlyElementsOf(items);
    assertThat(claim(id, T0.plusSeconds(3)))
        .as("the dead runner's item, within its lease")
        .isEmpty();
    assertThat(jobs.unfinished(id)).isEqualTo(3);

    jobs.finishItem(id, second, ItemResult.DONE, null, T0.plusSeconds(4));
    jobs.finishItem(id, third, ItemResult.FAILED, "boom", T0.plusSeconds(5));
    assertThat(jobs.unfinished(id)).isEqualTo(1);

    Instant later = T0.plus(LEASE).plusSeconds(1);
    assertThat(claim(id, later)).contains(died);
    assertThat(claim(id, later)).as("taken again just now").isEmpty();
    jobs.finishItem(id, died, ItemResult.DONE, null, later);
    jobs.finishItem(
        id, died, ItemResult.DONE, "the runner thought dead, late", later.plusSeconds(1));

    ReplayJob job = jobs.find(id).orElseThrow();
    assertThat(job.done()).isEqualTo(2);
    assertThat(job.failed()).isEqualTo(1);
    assertThat(job.remaining()).isZero();
    assertThat(jobs.unfinished(id)).isZero();
  }

  @Test
  void pausedJobsGiveNothingAndConcurrentRunnersNeverTakeTheSameItem() throws Exception {
    long id = runningJob("concurrent");
    int total = jobs.find(id).orElseThrow().total();
    assertThat(total).isEqualTo(60);
    jobs.setStatus(id, ReplayJobState.PAUSED, T0);
    assertThat(claim(id, T0)).isEmpty();
    jobs.setStatus(id, ReplayJobState.RUNNING, T0);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> runners = new ArrayList<>();
      for (int r = 0; r < 8; r++) {
        runners.add(
            pool.submit(
                () -> {
                  List<String> taken = new ArrayList<>();
                  for (Optional<String> next = claim(id, T0);
                      next.isPresent();
                      next = claim(id, T0)) {
                    taken.add(next.get());
                  }
                  return taken;
                }));
      }
      Set<String> distinct = new HashSet<>();
      int count = 0;
      for (Future<List<String>> runner : runners) {
        for (String eventId : runner.get()) {
          distinct.add(eventId);
          count++;
        }
      }
      assertThat(count).as("every item taken once").isEqualTo(total);
      assertThat(distinct).hasSize(total);
    } finally {
      pool.shutdownNow();
    }
  }
}
