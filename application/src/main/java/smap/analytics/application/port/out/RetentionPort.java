package smap.analytics.application.port.out;

import java.time.Instant;
import smap.analytics.domain.retention.RetainedData;

/** Outgoing port: removes data older than its retention, a small batch at a time. */
public interface RetentionPort {

  /**
   * Runs {@code work} while holding the one lock shared by every instance, so only one instance
   * prunes at a time.
   *
   * @return false, without running {@code work}, when another instance holds the lock
   */
  boolean exclusively(Runnable work);

  /**
   * Removes at most {@code limit} rows of {@code data} older than {@code before} in one short
   * statement.
   *
   * @return how many rows were removed (for raw bodies: how many bodies were cleared)
   */
  int prune(RetainedData data, Instant before, int limit);
}
