package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.adapter.postgres.console.JooqReplayJobAdapter;
import smap.analytics.application.port.out.console.ReplayJobPort;
import smap.analytics.application.port.out.console.ReplayJobPort.NewJob;
import smap.analytics.application.port.out.console.ReplayJobPortContractTest;
import smap.analytics.domain.console.BatchFilter;

/**
 * Replay jobs on the real PostgreSQL: the port's contract, and the ledger filters of a frozen set.
 */
class JooqReplayJobAdapterIT extends ReplayJobPortContractTest {

  private static TestDatabase db;
  private static JooqReplayJobAdapter jobs;

  @BeforeAll
  static void migrate() {
    db = new TestDatabase();
    FlywayMigrator.migrate(db.dataSource);
    jobs = new JooqReplayJobAdapter(DSL.using(db.dataSource, SQLDialect.POSTGRES));
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Override
  protected ReplayJobPort jobs() {
    return jobs;
  }

  @Override
  protected BatchFilter givenFinishedBatches(List<String> eventIdsNewestFirst) {
    String jobId = "job-" + UUID.randomUUID();
    for (int i = 0; i < eventIdsNewestFirst.size(); i++) {
      seed(eventIdsNewestFirst.get(i), jobId, "FAILED", i, "object not found");
    }
    return new BatchFilter(null, null, null, jobId, null, null, null, null);
  }

  private static void seed(String eventId, String jobId, String status, int age, String error) {
    db.execute(
        "INSERT INTO batch_ledger (event_id, queue, format, project_id, job_id, batch_index, platform,"
            + " status, attempts, items, succeeded, crawler_errors, expected, raw_body, received_at,"
            + " started_at, finished_at, last_error) VALUES ('"
            + eventId
            + "', 'analytics.data.collected', 'BATCH_EVENT', 'proj-1', '"
            + jobId
            + "', 1, 'TIKTOK', '"
            + status
            + "', 1, 50, 0, 0, 50, ''::bytea, now() - interval '"
            + age
            + " seconds', now(), now(), '"
            + error
            + "')");
  }

  @Test
  void aFrozenSetHoldsOnlyFinishedBatchesMatchingEveryFilterWithLikeCharactersTakenLiterally() {
    String jobId = "filters-" + UUID.randomUUID();
    seed("f-a_1", jobId, "FAILED", 1, "object 100% missing");
    seed("f-ab1", jobId, "FAILED", 2, "object 1000 missing");
    seed("f-a_2", jobId, "PROCESSING", 3, "object 100% missing");
    seed("g-a_3", jobId, "PARKED", 4, "crashed: 100% of attempts");

    long byError =
        jobs.createDraft(
                job("err"), new BatchFilter(null, null, null, jobId, "100%", null, null, null), 100)
            .id();
    assertThat(jobs.sample(byError, 10))
        .as("finished, last_error contains '100%' literally, any case")
        .containsExactly("f-a_1", "g-a_3");

    long byPrefix =
        jobs.createDraft(
                job("prefix"),
                new BatchFilter("FAILED", "TIKTOK", "proj-1", jobId, null, "f-a_", null, null),
                100)
            .id();
    assertThat(jobs.sample(byPrefix, 10))
        .as("event id starts with 'f-a_', the underscore no wildcard; PROCESSING left out")
        .containsExactly("f-a_1");

    long none =
        jobs.createDraft(
                job("none"),
                new BatchFilter(
                    null, null, null, jobId, null, null, Instant.now().plusSeconds(60), null),
                100)
            .id();
    assertThat(jobs.find(none).orElseThrow().total()).isZero();
  }

  private static NewJob job(String key) {
    return new NewJob(key + UUID.randomUUID(), "ana", Instant.now(), "r", "f", false, 5);
  }
}
