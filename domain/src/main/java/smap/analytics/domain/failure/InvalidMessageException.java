package smap.analytics.domain.failure;

import java.util.Objects;

/** Permanent failure: an inbound message that cannot be used, with the field that is wrong. */
public final class InvalidMessageException extends AnalyticsException {
  private final String field;

  public InvalidMessageException(String field, String problem) {
    super(field + ": " + problem, null);
    this.field = Objects.requireNonNull(field, "field");
  }

  /** JSON path of the offending field, e.g. {@code payload.minio_path}; "body" for the whole. */
  public String field() {
    return field;
  }

  @Override
  public boolean transientFailure() {
    return false;
  }
}
