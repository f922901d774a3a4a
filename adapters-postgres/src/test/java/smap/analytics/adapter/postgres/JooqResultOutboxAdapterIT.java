package smap.analytics.adapter.postgres;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.application.port.out.ResultOutboxPortContractTest;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

class JooqResultOutboxAdapterIT extends ResultOutboxPortContractTest {

  private static final TestDatabase DB = TestDatabase.migrated();

  @AfterAll
  static void drop() {
    DB.close();
  }

  @BeforeEach
  void empty() {
    DB.execute("TRUNCATE result_outbox RESTART IDENTITY");
  }

  @Override
  protected ResultOutboxPort outbox() {
    return new JooqResultOutboxAdapter(DB.dsl(), RELAY, Duration.ofSeconds(LEASE_SECONDS));
  }

  @Override
  protected void seed(EventId eventId, AnalyzeResult result) {
    DB.dsl()
        .execute(
            "INSERT INTO result_outbox (event_id, message_id, result, next_attempt_at)"
                + " VALUES (?, ?, ?::jsonb, ?)",
            eventId.value(),
            eventId.value(),
            Json.write(StoredResult.fields(result)),
            java.sql.Timestamp.from(NOW));
  }
}
