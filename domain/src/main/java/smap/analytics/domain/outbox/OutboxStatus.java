package smap.analytics.domain.outbox;

import java.util.Optional;

/**
 * The lifecycle of a Collector result in the outbox: PENDING until a relay claims it, PUBLISHING
 * while one holds its lease, then PUBLISHED when the broker confirmed it, UNROUTABLE when the
 * broker returned it (no queue bound; tried again later), or FAILED when the publish failed (tried
 * again with a backoff). Stored as its name.
 */
public enum OutboxStatus {
  PENDING,
  PUBLISHING,
  PUBLISHED,
  UNROUTABLE,
  FAILED;

  /** The status stored as {@code text}, if it is one. */
  public static Optional<OutboxStatus> parse(String text) {
    for (OutboxStatus status : values()) {
      if (status.name().equals(text)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
