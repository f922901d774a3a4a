package smap.analytics.domain.batch;

import java.util.Locale;
import smap.analytics.domain.failure.InvalidMessageException;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/**
 * Value: where a batch object lives in object storage, as {@code bucket} and {@code key}.
 *
 * <p>{@link #parse} accepts the forms producers really send (CONTRACT 3): {@code bucket/key},
 * {@code minio://bucket/key}, {@code s3://bucket/key} and {@code http(s)://host[:port]/bucket/key}.
 */
public record ObjectLocation(String bucket, String key) {

  public ObjectLocation {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("bucket must not be blank");
    }
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("key must not be blank");
    }
  }

  /**
   * Parses a {@code minio_path}.
   *
   * @param path the raw value
   * @param field the JSON path it came from, named in the error
   * @throws InvalidMessageException when the value is blank or has no bucket or no key
   */
  public static ObjectLocation parse(String path, String field) {
    if (path == null || path.isBlank()) {
      throw new InvalidMessageException(field, "is missing or empty; expected 'bucket/key'");
    }
    requireNameable(path, field);
    String rest = path.strip();
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("minio://")) {
      rest = rest.substring("minio://".length());
    } else if (lower.startsWith("s3://")) {
      rest = rest.substring("s3://".length());
    } else if (lower.startsWith("http://") || lower.startsWith("https://")) {
      String afterScheme = rest.substring(rest.indexOf("://") + 3);
      int slash = afterScheme.indexOf('/');
      if (slash < 0) {
        throw new InvalidMessageException(
            field, "URL '" + path + "' names a host but no bucket/key path");
      }
      rest = afterScheme.substring(slash + 1);
    }
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new InvalidMessageException(
          field, "'" + path + "' has no '/' between bucket and key; expected 'bucket/key'");
    }
    String bucket = rest.substring(0, slash);
    String key = rest.substring(slash + 1);
    // isBlank, not isEmpty: after a scheme the parts are not stripped ("minio:// /k"), and a
    // blank part must be this reason, not the constructor's IllegalArgumentException.
    if (bucket.isBlank()) {
      throw new InvalidMessageException(
          field, "'" + path + "' has an empty bucket (leading '/'); expected 'bucket/key'");
    }
    if (key.isBlank()) {
      throw new InvalidMessageException(field, "'" + path + "' has an empty object key");
    }
    return new ObjectLocation(bucket, key);
  }

  /**
   * Rejects text no object can be named by and the ledger could not store: longer than {@link
   * ColumnLimits#URL}, or holding U+0000 or an unpaired surrogate.
   *
   * @throws InvalidMessageException naming {@code field}
   */
  public static void requireNameable(String text, String field) {
    if (text.length() > ColumnLimits.URL.limit()) {
      throw new InvalidMessageException(
          field,
          text.length()
              + " characters, limit "
              + ColumnLimits.URL.limit()
              + "; no object has such a name");
    }
    int nul = text.indexOf('\u0000');
    if (nul >= 0 || !text.equals(Storable.clean(text))) {
      throw new InvalidMessageException(
          field,
          "holds U+0000 or an unpaired surrogate"
              + (nul >= 0 ? " at character " + nul : "")
              + "; no object has such a name");
    }
  }

  @Override
  public String toString() {
    return bucket + "/" + key;
  }
}
