package smap.analytics.domain.flag;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a flag.
 *
 * @param enabled the new value; null removes a scoped override
 * @param percent for an analysis-stage flag turned on, the percentage of batches (by event id) it
 *     is on for, 0-99; null when it is on for all
 * @param actor who changed it (an operator's name, or "system")
 * @param reason why; required
 * @param version the snapshot version this change produced (0 before it is stored)
 */
public record FlagChange(
    FeatureFlag flag,
    FlagScope scope,
    Boolean enabled,
    Integer percent,
    String actor,
    String reason,
    Instant at,
    long version) {
  public FlagChange {
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(actor, "actor");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is required for a flag change");
    }
    if (enabled == null && scope.global()) {
      throw new IllegalArgumentException("a global flag value cannot be removed, only set");
    }
    if (percent != null) {
      if (percent < 0 || percent > 100) {
        throw new IllegalArgumentException("percent must be between 0 and 100, got " + percent);
      }
      if (!flag.percentageRollout()) {
        throw new IllegalArgumentException(
            "percent: only the analysis-stage flags (stage-*) roll out to a percentage, not "
                + flag.key());
      }
      if (!Boolean.TRUE.equals(enabled)) {
        throw new IllegalArgumentException("percent applies only to turning a flag on");
      }
      percent = percent == 100 ? null : percent;
    }
    Objects.requireNonNull(at, "at");
  }

  /** A change to on, off or removed, for all batches. */
  public FlagChange(
      FeatureFlag flag,
      FlagScope scope,
      Boolean enabled,
      String actor,
      String reason,
      Instant at,
      long version) {
    this(flag, scope, enabled, null, actor, reason, at, version);
  }

  /** "on", "on for 10 %", "off" or "removed". */
  public String describe() {
    if (enabled == null) {
      return "removed";
    }
    if (!enabled) {
      return "off";
    }
    return percent == null ? "on" : "on for " + percent + " %";
  }
}
