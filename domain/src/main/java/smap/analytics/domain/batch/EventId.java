package smap.analytics.domain.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import smap.analytics.domain.storable.ColumnLimits;

/**
 * Value: the identity of one inbound event, the key of the batch ledger and of idempotency.
 *
 * @param value the producer's {@code event_id}, or one derived from the message body
 * @param derived true when the producer sent none and {@link #derive} made it
 */
public record EventId(String value, boolean derived) {
  /** Upper bound of the ledger's key column. */
  public static final int MAX_LENGTH = ColumnLimits.EVENT_ID.limit();

  public EventId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("value must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("value must be at most " + MAX_LENGTH + " characters");
    }
  }

  /** A producer-supplied id. */
  public static EventId of(String value) {
    return new EventId(value, false);
  }

  /**
   * A stable id for a message that carries none: the same bytes always give the same id, so a
   * redelivered copy is still recognised as a duplicate.
   */
  public static EventId derive(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return new EventId("sha256:" + HexFormat.of().formatHex(hash, 0, 16), true);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("SHA-256 is required of every JDK", impossible);
    }
  }

  /** Derives an id from text, e.g. for a legacy message identified by its reference. */
  public static EventId derive(String text) {
    return derive(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return value;
  }
}
