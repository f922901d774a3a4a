package smap.analytics.application.port.out;

import java.time.Instant;
import java.util.Objects;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagScope;

/**
 * One change of a flag.
 *
 * @param enabled the new value; null removes a scoped override
 * @param actor who changed it (an operator's name, or "system")
 * @param reason why; required
 * @param version the snapshot version this change produced (0 before it is stored)
 */
public record FlagChange(
    FeatureFlag flag,
    FlagScope scope,
    Boolean enabled,
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
    Objects.requireNonNull(at, "at");
  }
}
