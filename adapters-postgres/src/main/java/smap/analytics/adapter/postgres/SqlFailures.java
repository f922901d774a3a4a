package smap.analytics.adapter.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.jooq.exception.DataAccessException;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;

/** Translates database exceptions: an unreachable database is a transient, retryable failure. */
final class SqlFailures {

  private SqlFailures() {}

  static RuntimeException translate(RuntimeException e) {
    if (unavailable(e)) {
      return new DependencyUnavailableException(Dependency.DATABASE, rootMessage(e), e);
    }
    return e;
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
