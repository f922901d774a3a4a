package smap.analytics.application.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Fake: a UTC clock the test moves by hand, starting at 2025-12-17T10:00:00Z. */
public final class ManualClock extends Clock {

  /** The time, in epoch milliseconds; tests may move it directly. */
  public long millis = Instant.parse("2025-12-17T10:00:00Z").toEpochMilli();

  public void advance(Duration by) {
    millis += by.toMillis();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }
}
