package smap.analytics.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagChange;
import smap.analytics.domain.flag.FlagScope;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.flag.InstanceState;

/** Outgoing port: where feature flags are kept, with their history. */
public interface FeatureFlagPort {

  /** Every flag's current value, with scoped overrides and the change version. */
  FlagSnapshot load();

  /** Applies a change and records it in the history, in one transaction; tells listeners. */
  FlagSnapshot change(FlagChange change);

  /** The most recent changes, newest first. */
  List<FlagChange> history(int limit);

  /** The change that produced {@code version}. */
  Optional<FlagChange> find(long version);

  /** The last change of {@code flag} at {@code scope} before {@code version}, if any. */
  Optional<FlagChange> before(FeatureFlag flag, FlagScope scope, long version);

  /**
   * Calls {@code listener} whenever any instance changes a flag after this returns (at most a
   * couple of seconds later): it returns once it listens. Returns a handle that stops listening.
   */
  AutoCloseable subscribe(Runnable listener);

  /** Records that a running instance applied flag version {@code version} at {@code at}. */
  void applied(String instanceId, long version, Instant at);

  /** The running instances and the last flag version each applied, most recent first. */
  List<InstanceState> instances();
}
