package smap.analytics.adapter.postgres;

import java.sql.Connection;
import java.time.Instant;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import smap.analytics.adapter.postgres.BatchRowsMapper.ErrorRowContext;
import smap.analytics.application.port.out.BatchCommit;

/**
 * The benchmark's way to the write path's package-private rows writers: writes a batch's rows with
 * one of them, in a transaction of its own on {@code connection}.
 */
public enum BenchRowsWriters {
  /** One multi-row INSERT a table ({@link BatchRowsWriter#writeAll}). */
  INSERT,
  /** COPY into staging tables, then INSERT ... SELECT ({@link CopyRowsWriter#writeAll}). */
  COPY;

  /** Writes the batch's posts, comments and error rows, and commits. */
  public void write(Connection connection, BatchCommit commit, String jobId, Instant at) {
    ErrorRowContext batch =
        new ErrorRowContext(commit.eventId().value(), commit.projectId(), jobId, 0, at);
    DSL.using(connection, SQLDialect.POSTGRES)
        .transaction(
            cfg -> {
              if (this == COPY) {
                CopyRowsWriter.writeAll(DSL.using(cfg), commit, batch);
              } else {
                BatchRowsWriter.writeAll(DSL.using(cfg), commit, batch);
              }
            });
  }
}
