package smap.analytics.domain.error;

/**
 * The 21 item-level error codes of the crawler contract (the documents say 17; the code has 21),
 * each with its category. {@code DATABASE_ERROR} is {@code storage}, as the original's code says.
 */
public enum KnownErrorCode {
  RATE_LIMITED(ErrorCategory.RATE_LIMITING, true),
  AUTH_FAILED(ErrorCategory.RATE_LIMITING, true),
  ACCESS_DENIED(ErrorCategory.RATE_LIMITING, true),
  CONTENT_REMOVED(ErrorCategory.CONTENT, false),
  CONTENT_NOT_FOUND(ErrorCategory.CONTENT, false),
  CONTENT_UNAVAILABLE(ErrorCategory.CONTENT, false),
  NETWORK_ERROR(ErrorCategory.NETWORK, true),
  TIMEOUT(ErrorCategory.NETWORK, true),
  CONNECTION_REFUSED(ErrorCategory.NETWORK, true),
  DNS_ERROR(ErrorCategory.NETWORK, true),
  PARSE_ERROR(ErrorCategory.PARSING, false),
  INVALID_URL(ErrorCategory.PARSING, false),
  INVALID_RESPONSE(ErrorCategory.PARSING, false),
  MEDIA_DOWNLOAD_FAILED(ErrorCategory.MEDIA, false),
  MEDIA_TOO_LARGE(ErrorCategory.MEDIA, false),
  MEDIA_FORMAT_ERROR(ErrorCategory.MEDIA, false),
  STORAGE_ERROR(ErrorCategory.STORAGE, true),
  UPLOAD_FAILED(ErrorCategory.STORAGE, true),
  DATABASE_ERROR(ErrorCategory.STORAGE, true),
  UNKNOWN_ERROR(ErrorCategory.GENERIC, false),
  INTERNAL_ERROR(ErrorCategory.GENERIC, false);

  private final ErrorCategory category;
  private final boolean transientByDefault;

  KnownErrorCode(ErrorCategory category, boolean transientByDefault) {
    this.category = category;
    this.transientByDefault = transientByDefault;
  }

  public ErrorCategory category() {
    return category;
  }

  /** In the original's retryable set (facts 4.1); the default of {@code TRANSIENT_ERROR_CODES}. */
  public boolean transientByDefault() {
    return transientByDefault;
  }
}
