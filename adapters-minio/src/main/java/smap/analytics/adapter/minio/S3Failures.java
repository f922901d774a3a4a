package smap.analytics.adapter.minio;

import java.util.Set;

/**
 * Classifies an S3 error response once: missing object, a problem of this one object (permanent for
 * its batch), or the store being unavailable (transient).
 */
final class S3Failures {

  /** What an S3 error means for the batch that named the object. */
  enum Kind {
    /** No such object or bucket: retried briefly, then the batch fails (replayable). */
    NOT_FOUND,
    /** This object cannot be read (403, key too long, bad name...): no retry can help. */
    UNUSABLE,
    /** The store is down, overloaded, or refuses our credentials: retry later. */
    UNAVAILABLE
  }

  private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchObject");

  /** The service's own credentials or clock are wrong: every object would fail the same way. */
  private static final Set<String> STORE_WIDE =
      Set.of(
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "RequestTimeTooSkewed",
          "ExpiredToken",
          "InvalidToken",
          "SlowDown",
          "ServiceUnavailable",
          "InternalError",
          "RequestTimeout",
          "XMinioServerNotInitialized");

  private S3Failures() {}

  static Kind classify(String code, int httpStatus) {
    String c = code == null ? "" : code;
    if (NOT_FOUND.contains(c)) {
      return Kind.NOT_FOUND;
    }
    if (STORE_WIDE.contains(c) || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429) {
      return Kind.UNAVAILABLE;
    }
    if (httpStatus >= 400 || !c.isEmpty()) {
      return Kind.UNUSABLE;
    }
    return Kind.UNAVAILABLE;
  }
}
