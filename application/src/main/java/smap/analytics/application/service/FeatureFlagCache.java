package smap.analytics.application.service;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.out.FeatureFlagPort;
import smap.analytics.domain.flag.FlagSnapshot;

/**
 * Service helper: this instance's current view of the feature flags. Every batch reads the flags
 * from here (no database round trip per batch); a change made by any instance arrives through
 * {@link FeatureFlagPort#subscribe}, is applied, acknowledged for the console, and passed to the
 * listeners (the consumer's kill switch and legacy queue).
 */
public final class FeatureFlagCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeatureFlagCache.class);

  private final FeatureFlagPort flags;
  private final String instanceId;
  private final Clock clock;
  private final List<Consumer<FlagSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private volatile FlagSnapshot current;
  private AutoCloseable subscription;

  public FeatureFlagCache(FeatureFlagPort flags, String instanceId, Clock clock) {
    this.flags = Objects.requireNonNull(flags, "flags");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.current = flags.load();
    acknowledge(current);
  }

  /** Starts following changes made by any instance. */
  public synchronized void start() {
    if (subscription == null) {
      subscription = flags.subscribe(this::refresh);
    }
  }

  /** The flags as this instance applies them now. */
  public FlagSnapshot current() {
    return current;
  }

  /**
   * The flags as they apply to this instance: its {@code instance:} overrides folded into the
   * global values (the switches that act on a whole instance: formats, kill switch, publishing).
   */
  public FlagSnapshot forThisInstance() {
    return current.forInstance(instanceId);
  }

  /** The id under which this instance acknowledges flag versions. */
  public String instanceId() {
    return instanceId;
  }

  /** Calls {@code listener} now and after every change. */
  public void onChange(Consumer<FlagSnapshot> listener) {
    listeners.add(listener);
    listener.accept(current);
  }

  /** Reloads the flags; called on a change notification (and usable by tests). */
  public void refresh() {
    FlagSnapshot loaded;
    try {
      loaded = flags.load();
    } catch (RuntimeException e) {
      LOG.warn(
          "could not reload feature flags, keeping version {}: {}",
          current.version(),
          e.toString());
      return;
    }
    FlagSnapshot previous = current;
    current = loaded;
    acknowledge(loaded);
    if (loaded.version() != previous.version()) {
      LOG.info("feature flags now at version {}: {}", loaded.version(), loaded.asKeys());
      for (Consumer<FlagSnapshot> listener : listeners) {
        try {
          listener.accept(loaded);
        } catch (RuntimeException e) {
          LOG.error("feature flag listener failed", e);
        }
      }
    }
  }

  private void acknowledge(FlagSnapshot snapshot) {
    try {
      flags.applied(instanceId, snapshot.version(), clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("could not record applied flag version {}: {}", snapshot.version(), e.toString());
    }
  }

  @Override
  public synchronized void close() throws Exception {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }
}
