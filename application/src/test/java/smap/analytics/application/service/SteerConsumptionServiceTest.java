package smap.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import smap.analytics.application.fake.InMemoryFeatureFlags;
import smap.analytics.application.port.out.ConsumptionPort;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagChange;
import smap.analytics.domain.flag.FlagScope;
import smap.analytics.domain.flag.FlagSnapshot;

class SteerConsumptionServiceTest {

  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  /** Records what it was told, in order. */
  private static final class RecordingConsumption implements ConsumptionPort {
    final List<String> calls = new ArrayList<>();
    boolean paused;

    @Override
    public void pause() {
      paused = true;
      calls.add("pause");
    }

    @Override
    public void resume() {
      paused = false;
      calls.add("resume");
    }

    @Override
    public void consumeEvents(boolean enabled) {
      calls.add("events " + enabled);
    }

    @Override
    public void consumeLegacy(boolean enabled) {
      calls.add("legacy " + enabled);
    }

    @Override
    public boolean paused() {
      return paused;
    }
  }

  private final InMemoryFeatureFlags flags = new InMemoryFeatureFlags();
  private final RecordingConsumption consumption = new RecordingConsumption();
  private final SteerConsumptionService steer =
      new SteerConsumptionService(consumption, "worker-1");

  private FlagSnapshot change(FeatureFlag flag, FlagScope scope, boolean enabled) {
    return flags.change(new FlagChange(flag, scope, enabled, "ana", "test", AT, 0));
  }

  @Test
  void theDefaultsConsumeBothQueues() {
    steer.apply(flags.load());

    assertThat(consumption.calls)
        .containsExactly(
            "resume",
            "events " + FeatureFlag.BATCH_FORMAT.defaultValue(),
            "legacy " + FeatureFlag.LEGACY_FORMAT.defaultValue());
  }

  @Test
  void theKillSwitchForThisInstancePausesItAndOnlyIt() {
    steer.apply(change(FeatureFlag.CONSUMPTION_PAUSED, FlagScope.instance("worker-2"), true));
    assertThat(consumption.paused()).as("another instance's switch").isFalse();

    steer.apply(change(FeatureFlag.CONSUMPTION_PAUSED, FlagScope.instance("worker-1"), true));
    assertThat(consumption.paused()).isTrue();

    steer.apply(change(FeatureFlag.CONSUMPTION_PAUSED, FlagScope.GLOBAL, false));
    assertThat(consumption.paused()).as("the instance value beats the global one").isTrue();
  }

  @Test
  void aFormatFlagTurnedOffStopsConsumingItsQueue() {
    steer.apply(change(FeatureFlag.LEGACY_FORMAT, FlagScope.GLOBAL, false));

    assertThat(consumption.calls).endsWith("legacy false");
    steer.apply(change(FeatureFlag.BATCH_FORMAT, FlagScope.GLOBAL, false));
    assertThat(consumption.calls).contains("events false");
  }
}
