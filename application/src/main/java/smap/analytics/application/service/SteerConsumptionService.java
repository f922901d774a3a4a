package smap.analytics.application.service;

import java.util.Objects;
import smap.analytics.application.port.in.SteerConsumptionUseCase;
import smap.analytics.application.port.out.ConsumptionPort;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagSnapshot;

/** Service: turns this instance's view of the flags into consumption on or off, per queue. */
public final class SteerConsumptionService implements SteerConsumptionUseCase {

  private final ConsumptionPort consumption;
  private final String instanceId;

  /** Steers {@code consumption} by the flags as seen by instance {@code instanceId}. */
  public SteerConsumptionService(ConsumptionPort consumption, String instanceId) {
    this.consumption = Objects.requireNonNull(consumption, "consumption");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
  }

  @Override
  public void apply(FlagSnapshot flags) {
    FlagSnapshot mine = flags.forInstance(instanceId);
    if (mine.enabled(FeatureFlag.CONSUMPTION_PAUSED)) {
      consumption.pause();
    } else {
      consumption.resume();
    }
    consumption.consumeEvents(mine.enabled(FeatureFlag.BATCH_FORMAT));
    consumption.consumeLegacy(mine.enabled(FeatureFlag.LEGACY_FORMAT));
  }
}
