package smap.analytics.application.port.in;

import smap.analytics.domain.flag.FlagSnapshot;

/**
 * Use case: steer this instance's consumption by the flags: the {@code consumption-paused} kill
 * switch holds every input queue, {@code batch-format} and {@code legacy-format} start or stop
 * consuming their queue (messages of a format that is off stay ready in it).
 */
public interface SteerConsumptionUseCase {

  /** Applies {@code flags} (every instance's values; this instance's view is taken). */
  void apply(FlagSnapshot flags);
}
