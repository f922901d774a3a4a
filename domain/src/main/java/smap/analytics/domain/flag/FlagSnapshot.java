package smap.analytics.domain.flag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Immutable view of every flag's value at one moment, with the scoped overrides and the percentage
 * rollouts. A batch runs under one snapshot decided for it ({@link #decide}), which the ledger
 * keeps.
 *
 * @param global each flag's global value
 * @param overrides scoped values: scope -> flag -> value
 * @param rollouts values that are on for only part of the batches: scope -> flag -> percent (1-99,
 *     or 0); a flag listed here is on in {@code global} or {@code overrides} at that scope
 * @param version increases with every change, so instances can tell which change they applied
 */
public record FlagSnapshot(
    Map<FeatureFlag, Boolean> global,
    Map<FlagScope, Map<FeatureFlag, Boolean>> overrides,
    Map<FlagScope, Map<FeatureFlag, Integer>> rollouts,
    long version) {

  public FlagSnapshot {
    EnumMap<FeatureFlag, Boolean> complete = new EnumMap<>(FeatureFlag.class);
    for (FeatureFlag flag : FeatureFlag.values()) {
      complete.put(flag, global.getOrDefault(flag, flag.defaultValue()));
    }
    global = Map.copyOf(complete);
    overrides = deepCopy(overrides);
    rollouts = deepCopy(rollouts);
  }

  /** A snapshot without percentage rollouts. */
  public FlagSnapshot(
      Map<FeatureFlag, Boolean> global,
      Map<FlagScope, Map<FeatureFlag, Boolean>> overrides,
      long version) {
    this(global, overrides, Map.of(), version);
  }

  // Copied one level down too: the snapshot must not change when its source maps do.
  private static <V> Map<FlagScope, Map<FeatureFlag, V>> deepCopy(
      Map<FlagScope, Map<FeatureFlag, V>> source) {
    Map<FlagScope, Map<FeatureFlag, V>> copied = new HashMap<>();
    source.forEach(
        (scope, values) -> {
          if (!values.isEmpty()) {
            copied.put(scope, Map.copyOf(values));
          }
        });
    return Map.copyOf(copied);
  }

  /** Every flag at its default. */
  public static FlagSnapshot defaults() {
    return new FlagSnapshot(Map.of(), Map.of(), 0);
  }

  /** The global value (on when rolled out to a percentage). */
  public boolean enabled(FeatureFlag flag) {
    return global.get(flag);
  }

  /** The value for a batch of this platform and project: project beats platform beats global. */
  public boolean enabled(FeatureFlag flag, String platform, String projectId) {
    Objects.requireNonNull(flag, "flag");
    FlagScope scope = winning(flag, platform, projectId);
    return scope.global() ? enabled(flag) : lookup(scope, flag);
  }

  /** The percentage a value is rolled out to at this scope, or 100 when it applies to all. */
  public int percent(FeatureFlag flag, FlagScope scope) {
    Map<FeatureFlag, Integer> values = rollouts.get(scope);
    Integer percent = values == null ? null : values.get(flag);
    return percent == null ? 100 : percent;
  }

  /**
   * This instance's view: for each flag that {@code instanceId} overrides, its instance value
   * becomes the global one and replaces every platform and project value (an instance override
   * beats all other scopes); other instances' overrides are dropped. The switches that act on a
   * whole instance (formats, kill switch, publishing) read its global values.
   */
  public FlagSnapshot forInstance(String instanceId) {
    FlagScope mine =
        instanceId == null || instanceId.isBlank() ? null : FlagScope.instance(instanceId);
    Map<FeatureFlag, Boolean> own =
        mine == null ? Map.of() : overrides.getOrDefault(mine, Map.of());
    Map<FeatureFlag, Boolean> values = new EnumMap<>(global);
    values.putAll(own);
    Map<FlagScope, Map<FeatureFlag, Boolean>> rest = withoutInstances(overrides, own);
    Map<FlagScope, Map<FeatureFlag, Integer>> restRollouts = withoutInstances(rollouts, own);
    Map<FeatureFlag, Integer> globalRollouts = new EnumMap<>(FeatureFlag.class);
    globalRollouts.putAll(restRollouts.getOrDefault(FlagScope.GLOBAL, Map.of()));
    if (mine != null) {
      globalRollouts.putAll(rollouts.getOrDefault(mine, Map.of()));
    }
    restRollouts.put(FlagScope.GLOBAL, globalRollouts);
    return new FlagSnapshot(values, rest, restRollouts, version);
  }

  /** The non-instance scopes, without the flags the instance sets itself. */
  private static <V> Map<FlagScope, Map<FeatureFlag, V>> withoutInstances(
      Map<FlagScope, Map<FeatureFlag, V>> source, Map<FeatureFlag, Boolean> own) {
    Map<FlagScope, Map<FeatureFlag, V>> kept = new HashMap<>();
    source.forEach(
        (scope, flags) -> {
          if (scope.instanceId() == null) {
            Map<FeatureFlag, V> values = new EnumMap<>(FeatureFlag.class);
            flags.forEach(
                (flag, value) -> {
                  if (!own.containsKey(flag)) {
                    values.put(flag, value);
                  }
                });
            kept.put(scope, values);
          }
        });
    return kept;
  }

  /**
   * The flags one batch of this instance runs under; see {@link #decide(String, String, String)}.
   */
  public FlagSnapshot decide(String instanceId, String platform, String projectId, String eventId) {
    return forInstance(instanceId).decide(platform, projectId, eventId);
  }

  /**
   * The flags one batch runs under: for each flag the value of the narrowest scope that sets it
   * (instance, then project, then platform, then global; in an instance's {@link #forInstance} view
   * its own values are already the global ones and win), and for a value rolled out to a
   * percentage, whether this event is in: {@link #bucket} of the event id below the percentage. The
   * result has no overrides or rollouts left, so the ledger's copy of it ({@link #asKeys}) records
   * exactly what the batch ran under.
   */
  public FlagSnapshot decide(String platform, String projectId, String eventId) {
    Objects.requireNonNull(eventId, "eventId");
    Map<FeatureFlag, Boolean> decided = new EnumMap<>(FeatureFlag.class);
    int bucket = bucket(eventId);
    for (FeatureFlag flag : FeatureFlag.values()) {
      FlagScope scope = winning(flag, platform, projectId);
      boolean value = scope.global() ? enabled(flag) : lookup(scope, flag);
      decided.put(flag, value && bucket < percent(flag, scope));
    }
    return new FlagSnapshot(decided, Map.of(), Map.of(), version);
  }

  /** The narrowest scope that sets {@code flag} for a batch: project, platform, else GLOBAL. */
  private FlagScope winning(FeatureFlag flag, String platform, String projectId) {
    if (projectId != null && !projectId.isBlank()) {
      FlagScope scope = FlagScope.project(projectId);
      if (lookup(scope, flag) != null) {
        return scope;
      }
    }
    if (platform != null && !platform.isBlank()) {
      FlagScope scope = FlagScope.platform(platform);
      if (lookup(scope, flag) != null) {
        return scope;
      }
    }
    return FlagScope.GLOBAL;
  }

  private Boolean lookup(FlagScope scope, FeatureFlag flag) {
    Map<FeatureFlag, Boolean> values = overrides.get(scope);
    return values == null ? null : values.get(flag);
  }

  /**
   * The rollout bucket of an event, 0-99: the first 8 bytes of SHA-256 of its id, unsigned, modulo
   * 100. The same event always falls in the same bucket, on every instance and after a restart, so
   * an event in the 10 % set stays in at 50 % (bucket below 10 is below 50), and every stage rolled
   * out to the same percentage runs on the same batches.
   */
  public static int bucket(String eventId) {
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (digest[i] & 0xFF);
    }
    return (int) Long.remainderUnsigned(value, 100);
  }

  /** Flat key -> value form of the global values, for the ledger's flag snapshot column. */
  public Map<String, Boolean> asKeys() {
    Map<String, Boolean> keys = new TreeMap<>();
    global.forEach((flag, value) -> keys.put(flag.key(), value));
    return keys;
  }
}
