package smap.analytics.application.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import smap.analytics.domain.retention.RetainedData;

/**
 * How long each kind of data is kept; {@link Duration#ZERO} keeps it forever.
 *
 * @param rawBodies raw messages of finished batches (succeeded, partial, rejected)
 * @param sentOutbox outbox rows the broker confirmed
 * @param audit operator audit rows
 * @param crawlErrors crawl error rows
 */
public record RetentionPolicy(
    Duration rawBodies, Duration sentOutbox, Duration audit, Duration crawlErrors) {

  public RetentionPolicy {
    for (Duration d : new Duration[] {rawBodies, sentOutbox, audit, crawlErrors}) {
      Objects.requireNonNull(d, "retention");
      if (d.isNegative()) {
        throw new IllegalArgumentException("a retention must not be negative, got " + d);
      }
    }
  }

  /**
   * The defaults: bodies 30 days (replays of a month back), published outbox rows 14 days, audit
   * rows a year, crawl errors 90 days.
   */
  public static RetentionPolicy defaults() {
    return new RetentionPolicy(
        Duration.ofDays(30), Duration.ofDays(14), Duration.ofDays(365), Duration.ofDays(90));
  }

  /** The retention of each kind of data, in pruning order; kinds kept forever are left out. */
  public Map<RetainedData, Duration> pruned() {
    Map<RetainedData, Duration> kept = new EnumMap<>(RetainedData.class);
    kept.put(RetainedData.RAW_BODIES, rawBodies);
    kept.put(RetainedData.SENT_OUTBOX, sentOutbox);
    kept.put(RetainedData.AUDIT, audit);
    kept.put(RetainedData.CRAWL_ERRORS, crawlErrors);
    kept.values().removeIf(Duration::isZero);
    return kept;
  }
}
