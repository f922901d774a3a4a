package smap.analytics.domain.message;

/** The inbound message formats, auto-detected in this order (CONTRACT 2). */
public enum MessageFormat {
  /** A {@code data.collected} event whose {@code payload.minio_path} names a batch file. */
  BATCH_EVENT,
  /** Legacy: {@code data_ref: {bucket, path}} names one post in object storage. */
  LEGACY_REFERENCE,
  /** Legacy: the message itself is one post ({@code meta}, {@code content}, ...). */
  LEGACY_INLINE
}
