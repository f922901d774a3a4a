package smap.analytics.domain.flag;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable view of every flag's value at one moment, with the scoped overrides. A batch runs under
 * one snapshot, which the ledger keeps.
 *
 * @param global each flag's global value
 * @param overrides scoped values: scope -> flag -> value
 * @param version increases with every change, so instances can tell which change they applied
 */
public record FlagSnapshot(
    Map<FeatureFlag, Boolean> global,
    Map<FlagScope, Map<FeatureFlag, Boolean>> overrides,
    long version) {

  public FlagSnapshot {
    EnumMap<FeatureFlag, Boolean> complete = new EnumMap<>(FeatureFlag.class);
    for (FeatureFlag flag : FeatureFlag.values()) {
      complete.put(flag, global.getOrDefault(flag, flag.defaultValue()));
    }
    global = Map.copyOf(complete);
    // Copied one level down too: the snapshot must not change when its source maps do.
    Map<FlagScope, Map<FeatureFlag, Boolean>> copied = new java.util.HashMap<>();
    overrides.forEach((scope, values) -> copied.put(scope, Map.copyOf(values)));
    overrides = Map.copyOf(copied);
  }

  /** Every flag at its default. */
  public static FlagSnapshot defaults() {
    return new FlagSnapshot(Map.of(), Map.of(), 0);
  }

  /** The global value. */
  public boolean enabled(FeatureFlag flag) {
    return global.get(flag);
  }

  /** The value for a batch of this platform and project: project beats platform beats global. */
  public boolean enabled(FeatureFlag flag, String platform, String projectId) {
    Objects.requireNonNull(flag, "flag");
    if (projectId != null && !projectId.isBlank()) {
      Boolean value = lookup(FlagScope.project(projectId), flag);
      if (value != null) {
        return value;
      }
    }
    if (platform != null && !platform.isBlank()) {
      Boolean value = lookup(FlagScope.platform(platform), flag);
      if (value != null) {
        return value;
      }
    }
    return enabled(flag);
  }

  private Boolean lookup(FlagScope scope, FeatureFlag flag) {
    Map<FeatureFlag, Boolean> values = overrides.get(scope);
    return values == null ? null : values.get(flag);
  }

  /** Flat key -> value form of the global values, for the ledger's flag snapshot column. */
  public Map<String, Boolean> asKeys() {
    Map<String, Boolean> keys = new java.util.TreeMap<>();
    global.forEach((flag, value) -> keys.put(flag.key(), value));
    return keys;
  }
}
