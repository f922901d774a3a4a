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
      db.execute(
          """
          CREATE TABLE post_analytics (
            id VARCHAR(50) PRIMARY KEY, project_id UUID, platform VARCHAR(20) NOT NULL,
            published_at TIMESTAMP NOT NULL, analyzed_at TIMESTAMP DEFAULT NOW(),
            overall_sentiment VARCHAR(10) NOT NULL, overall_sentiment_score FLOAT, overall_confidence FLOAT,
            primary_intent VARCHAR(20) NOT NULL, intent_confidence FLOAT, impact_score FLOAT NOT NULL,
            risk_level VARCHAR(10) NOT NULL, is_viral BOOLEAN DEFAULT false, is_kol BOOLEAN DEFAULT false,
            aspects_breakdown JSONB, keywords JSONB, sentiment_probabilities JSONB, impact_breakdown JSONB,
            view_count INTEGER DEFAULT 0, like_count INTEGER DEFAULT 0, comment_count INTEGER DEFAULT 0,
            share_count INTEGER DEFAULT 0, save_count INTEGER DEFAULT 0, follower_count INTEGER DEFAULT 0,
            processing_time_ms INTEGER, model_version VARCHAR(50), job_id VARCHAR(100), batch_index INTEGER,
            task_type VARCHAR(30), keyword_source VARCHAR(200), crawled_at TIMESTAMP, pipeline_version VARCHAR(50),
            fetch_status VARCHAR(10) DEFAULT 'success', fetch_error TEXT, error_code VARCHAR(50), error_details JSONB);
          CREATE TABLE crawl_errors (
            id SERIAL PRIMARY KEY, content_id VARCHAR(50) NOT NULL, project_id UUID, job_id VARCHAR(100) NOT NULL,
            platform VARCHAR(20) NOT NULL, error_code VARCHAR(50) NOT NULL, error_category VARCHAR(30) NOT NULL,
            error_message TEXT, error_details JSONB, permalink TEXT, created_at TIMESTAMP DEFAULT NOW());
          CREATE TABLE post_comments (
            id SERIAL PRIMARY KEY,
            post_id VARCHAR(50) NOT NULL REFERENCES post_analytics(id) ON DELETE CASCADE,
            comment_id VARCHAR(100), text TEXT NOT NULL, author_name VARCHAR(200), likes INTEGER DEFAULT 0,
            sentiment VARCHAR(10), sentiment_score FLOAT, commented_at TIMESTAMP, created_at TIMESTAMP DEFAULT NOW());
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
