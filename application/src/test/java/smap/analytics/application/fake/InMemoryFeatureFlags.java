package smap.analytics.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import smap.analytics.application.port.out.FeatureFlagPort;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagChange;
import smap.analytics.domain.flag.FlagScope;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.flag.InstanceState;

/** Fake: feature flags in memory; listeners are told synchronously. */
public final class InMemoryFeatureFlags implements FeatureFlagPort {

  private final Map<FlagScope, Map<FeatureFlag, Boolean>> values = new HashMap<>();
  private final Map<FlagScope, Map<FeatureFlag, Integer>> percents = new HashMap<>();
  private final List<FlagChange> history = new ArrayList<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, InstanceState> instances = new LinkedHashMap<>();
  private long version;

  @Override
  public synchronized FlagSnapshot load() {
    Map<FeatureFlag, Boolean> global = new EnumMap<>(FeatureFlag.class);
    global.putAll(values.getOrDefault(FlagScope.GLOBAL, Map.of()));
    Map<FlagScope, Map<FeatureFlag, Boolean>> overrides = new HashMap<>();
    values.forEach(
        (scope, flags) -> {
          if (!scope.global()) {
            overrides.put(scope, Map.copyOf(flags));
          }
        });
    Map<FlagScope, Map<FeatureFlag, Integer>> rollouts = new HashMap<>();
    percents.forEach((scope, flags) -> rollouts.put(scope, Map.copyOf(flags)));
    return new FlagSnapshot(global, overrides, rollouts, version);
  }

  @Override
  public FlagSnapshot change(FlagChange change) {
    synchronized (this) {
      version++;
      Map<FeatureFlag, Boolean> scoped =
          values.computeIfAbsent(change.scope(), s -> new EnumMap<>(FeatureFlag.class));
      if (change.enabled() == null) {
        scoped.remove(change.flag());
      } else {
        scoped.put(change.flag(), change.enabled());
      }
      Map<FeatureFlag, Integer> partial =
          percents.computeIfAbsent(change.scope(), s -> new EnumMap<>(FeatureFlag.class));
      if (change.percent() == null) {
        partial.remove(change.flag());
      } else {
        partial.put(change.flag(), change.percent());
      }
      history.add(
          0,
          new FlagChange(
              change.flag(),
              change.scope(),
              change.enabled(),
              change.percent(),
              change.actor(),
              change.reason(),
              change.at(),
              version));
    }
    listeners.forEach(Runnable::run);
    return load();
  }

  @Override
  public synchronized List<FlagChange> history(int limit) {
    return List.copyOf(history.subList(0, Math.min(limit, history.size())));
  }

  @Override
  public synchronized Optional<FlagChange> find(long wanted) {
    return history.stream().filter(c -> c.version() == wanted).findFirst();
  }

  @Override
  public synchronized Optional<FlagChange> before(FeatureFlag flag, FlagScope scope, long wanted) {
    return history.stream()
        .filter(c -> c.flag() == flag && c.scope().equals(scope) && c.version() < wanted)
        .findFirst();
  }

  @Override
  public AutoCloseable subscribe(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public synchronized void applied(String instanceId, long appliedVersion, Instant at) {
    InstanceState previous = instances.get(instanceId);
    Instant appliedAt =
        previous != null && previous.appliedVersion() == appliedVersion ? previous.appliedAt() : at;
    instances.put(instanceId, new InstanceState(instanceId, appliedVersion, appliedAt, at));
  }

  @Override
  public synchronized List<InstanceState> instances() {
    return List.copyOf(instances.values());
  }
}
