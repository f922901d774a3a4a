package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The schema applies to an empty database and over the original service's three tables. */
class FlywayMigrationIT {

  private static String query(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Test
  void appliesToAnEmptyDatabaseAndAgainAsANoOp() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      assertThat(FlywayMigrator.migrate(db.dataSource)).startsWith("database schema at version 1");
      assertThat(FlywayMigrator.migrate(db.dataSource)).contains("0 migrations applied");
      assertThat(
              query(
                  db,
                  "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN"
                      + " ('post_analytics','post_comments','crawl_errors','batch_ledger','batch_attempts','result_outbox','feature_flags','feature_flag_history','feature_flag_instances','audit_log')"))
          .isEqualTo("10");
    }
  }

  @Test
  void convertsTheOriginalsTablesKeepingTheirRows() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      db.execute(OriginalServiceWritesIT.resource("/original/schema.sql"));
      db.execute(
          """
          INSERT INTO post_analytics (id, project_id, platform, published_at, overall_sentiment, primary_intent, impact_score, risk_level, view_count)
            VALUES ('7576276451171880000', 'a95796bc-5c7b-432b-bf99-0afa8ed81f0c', 'TIKTOK', '2025-11-24 13:02:06', 'NEUTRAL', 'DISCUSSION', 6.85, 'LOW', 18000);
          INSERT INTO crawl_errors (content_id, project_id, job_id, platform, error_code, error_category)
            VALUES ('1', 'a95796bc-5c7b-432b-bf99-0afa8ed81f0c', 'job-1', 'TIKTOK', 'RATE_LIMITED', 'rate_limiting');
          INSERT INTO post_comments (post_id, comment_id, text) VALUES ('7576276451171880000', 'c1', 'hay');
          INSERT INTO post_comments (post_id, comment_id, text) VALUES ('7576276451171880000', 'c1', 'hay');
          """);

      FlywayMigrator.migrate(db.dataSource);

      assertThat(query(db, "SELECT project_id || ' ' || view_count FROM post_analytics"))
          .isEqualTo("a95796bc-5c7b-432b-bf99-0afa8ed81f0c 18000");
      assertThat(
              query(
                  db,
                  "SELECT data_type FROM information_schema.columns WHERE table_name = 'post_analytics' AND column_name = 'view_count'"))
          .isEqualTo("bigint");
      assertThat(
              query(
                  db,
                  "SELECT data_type FROM information_schema.columns WHERE table_name = 'post_analytics' AND column_name = 'published_at'"))
          .isEqualTo("timestamp with time zone");
      assertThat(query(db, "SELECT source || ' ' || transient FROM crawl_errors"))
          .isEqualTo("crawler false");
      assertThat(query(db, "SELECT count(*) FROM post_comments"))
          .as("duplicate comments of the original are merged")
          .isEqualTo("1");
      db.execute("UPDATE post_analytics SET view_count = 3000000000");
    }
  }
}
