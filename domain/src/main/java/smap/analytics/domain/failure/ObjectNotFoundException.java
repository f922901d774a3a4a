package smap.analytics.domain.failure;

import smap.analytics.domain.batch.ObjectLocation;

/** The batch object named by an event does not exist (yet) in object storage. */
public final class ObjectNotFoundException extends AnalyticsException {
  private final ObjectLocation location;

  public ObjectNotFoundException(ObjectLocation location, Throwable cause) {
    super("object not found: " + location, cause);
    this.location = location;
  }

  public ObjectLocation location() {
    return location;
  }

  /** Not transient in the retry-with-backoff sense: replayable once the object exists. */
  @Override
  public boolean transientFailure() {
    return false;
  }
}
