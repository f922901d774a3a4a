package smap.analytics.domain.failure;

/**
 * Root of the service's own unchecked exceptions. Each subtype carries what an operator needs to
 * act on it, and says whether a retry can help.
 */
public abstract sealed class AnalyticsException extends RuntimeException
    permits InvalidMessageException,
        ObjectNotFoundException,
        MalformedBatchException,
        DependencyUnavailableException,
        StorageRefusedException {

  protected AnalyticsException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when the same work may succeed later without anyone changing the input. */
  public abstract boolean transientFailure();
}
