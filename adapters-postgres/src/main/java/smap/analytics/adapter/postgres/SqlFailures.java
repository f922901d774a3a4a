package smap.analytics.adapter.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.jooq.exception.DataAccessException;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;
import smap.analytics.domain.failure.StorageRefusedException;

/**
 * Translates database exceptions: an unreachable database is a transient, retryable failure; a
 * value the database refuses is {@link StorageRefusedException}.
 */
final class SqlFailures {

  private SqlFailures() {}

  static RuntimeException translate(RuntimeException e) {
    if (unavailable(e)) {
      return new DependencyUnavailableException(Dependency.DATABASE, rootMessage(e), e);
    }
    if (refused(e)) {
      return new StorageRefusedException(rootMessage(e), e);
    }
    return e;
  }

  /**
   * The database refused a value: a data exception (class 22: a NUL byte, a value too long, out of
   * range), an integrity constraint (23), a program limit (54, e.g. a row too big) or a trigger's
   * {@code RAISE} (P0). Permanent for these values, unlike {@link #unavailable}.
   */
  static boolean refused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        return state.startsWith("22")
            || state.startsWith("23")
            || state.startsWith("54")
            || state.startsWith("P0");
      }
    }
    return false;
  }

  static boolean unavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.startsWith("57P")
            || state.equals("53300")
            // A statement cancelled by statement_timeout or the batch's deadline, a lock not
            // granted: the database is slow or busy, the same work may succeed later.
            || state.equals("57014")
            || state.equals("55P03")
            || state.equals("40001")
            || state.equals("40P01")) {
          return true;
        }
      }
      if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return e instanceof DataAccessException
        && e.getMessage() != null
        && e.getMessage().contains("Connection is not available");
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
