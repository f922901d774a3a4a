package smap.analytics.application.port.in.console;

import java.util.List;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagChange;
import smap.analytics.domain.flag.FlagScope;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.flag.InstanceState;

/**
 * Use case: see every flag with its history and which instances applied it; change one (also to a
 * percentage of the batches, for a canary), or restore the state a change replaced.
 */
public interface ManageFlagsUseCase {

  FlagBoard board();

  /** Changes a flag (reason required) and audits it. */
  FlagSnapshot change(ChangeFlagCommand command);

  /**
   * Puts a flag at the scope of change {@code version} back to what it was before that change (the
   * change before it at the same scope; the default, or no override, when there was none), as a new
   * audited change.
   *
   * @throws IllegalArgumentException when there is no change with that version
   */
  FlagSnapshot restore(RestoreFlagCommand command);

  /**
   * @param enabled true, false, or null to remove a scoped override
   * @param percent with {@code enabled} true, the percentage of batches (by event id) it is on for;
   *     null for all
   */
  record ChangeFlagCommand(
      FeatureFlag flag,
      FlagScope scope,
      Boolean enabled,
      Integer percent,
      String operator,
      String reason) {

    /** A change for all batches. */
    public ChangeFlagCommand(
        FeatureFlag flag, FlagScope scope, Boolean enabled, String operator, String reason) {
      this(flag, scope, enabled, null, operator, reason);
    }
  }

  /** Undo change {@code version}. */
  record RestoreFlagCommand(long version, String operator, String reason) {}

  /** Everything the flag page shows. */
  record FlagBoard(
      FlagSnapshot snapshot, List<FlagChange> history, List<InstanceState> instances) {}
}
