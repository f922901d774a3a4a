package smap.analytics.adapter.postgres;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.exception.DataAccessException;
import smap.analytics.application.port.in.BatchDeadline;

/**
 * Adapter helper: bounds every statement a batch runs by the batch's deadline ({@code
 * BATCH_TIMEOUT_SECONDS}, {@link BatchDeadline}). A statement waiting on a row lock is cancelled by
 * the server at the deadline, and no statement starts after it (nor after the consumer cancelled
 * the batch), so the abandoned batch's transaction rolls back and frees its locks for the retry.
 * Threads without a deadline (the relay, the console) are left alone.
 */
public final class BatchDeadlineListener implements ExecuteListener {

  @Override
  public void executeStart(ExecuteContext ctx) {
    bound(ctx.statement());
  }

  /**
   * Bounds one statement by the current batch's deadline: refuses to start it once the deadline
   * passed, else sets its query timeout to the time left. For statements jOOQ executes this runs
   * from {@link #executeStart}; the write path's cached statements, which run on the JDBC
   * connection directly, call it themselves. No-op on threads without a deadline.
   *
   * @param statement the statement about to run, or null (jOOQ has not prepared one yet)
   */
  static void bound(Statement statement) {
    Optional<Duration> left = BatchDeadline.remaining();
    if (left.isEmpty()) {
      // Not a batch (the relay flushing its marks at shutdown, the console): left alone, even
      // when interrupted.
      return;
    }
    if (BatchDeadline.passed()) {
      // A transient kind (SQLTimeoutException), so the savepoints of a commit never mistake it for
      // a row the database refused.
      throw new DataAccessException(
          "the batch ran past its deadline: statement not started",
          new SQLTimeoutException("batch deadline passed", "57014"));
    }
    if (statement != null) {
      int seconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, ceilSeconds(left.get())));
      try {
        int current = statement.getQueryTimeout();
        if (current == 0 || seconds < current) {
          statement.setQueryTimeout(seconds);
        }
      } catch (SQLException e) {
        throw new DataAccessException("setting the batch deadline on a statement", e);
      }
    }
  }

  private static long ceilSeconds(Duration left) {
    return (left.toMillis() + 999) / 1000;
  }
}
