package smap.analytics.domain.failure;

/** The batch object named by an event does not exist (yet) in object storage. */
public final class ObjectNotFoundException extends AnalyticsException {
  private final String location;

  public ObjectNotFoundException(String location, Throwable cause) {
    super("object not found: " + location, cause);
    this.location = location;
  }

  /** The object as {@code bucket/key}. */
  public String location() {
    return location;
  }

  /** Not transient in the retry-with-backoff sense: replayable once the object exists. */
  @Override
  public boolean transientFailure() {
    return false;
  }
}
