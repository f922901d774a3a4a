package smap.analytics.domain.failure;

import smap.analytics.domain.batch.ObjectLocation;

/**
 * Permanent failure: the batch object exists but cannot be read (corrupt compression, not UTF-8,
 * not JSON, or JSON of the wrong shape).
 */
public final class MalformedBatchException extends AnalyticsException {
  private final ObjectLocation location;

  public MalformedBatchException(ObjectLocation location, String problem, Throwable cause) {
    super(location + ": " + problem, cause);
    this.location = location;
  }

  public ObjectLocation location() {
    return location;
  }

  @Override
  public boolean transientFailure() {
    return false;
  }
}
