package smap.analytics.domain.failure;

/**
 * Permanent failure: the batch object exists but cannot be read (corrupt compression, not UTF-8,
 * not JSON, or JSON of the wrong shape).
 */
public final class MalformedBatchException extends AnalyticsException {
  private final String location;

  public MalformedBatchException(String location, String problem, Throwable cause) {
    super(location + ": " + problem, cause);
    this.location = location;
  }

  /** The object as {@code bucket/key}. */
  public String location() {
    return location;
  }

  @Override
  public boolean transientFailure() {
    return false;
  }
}
