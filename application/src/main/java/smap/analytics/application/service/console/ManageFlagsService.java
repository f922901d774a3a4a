package smap.analytics.application.service.console;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import smap.analytics.application.port.in.console.ManageFlagsUseCase;
import smap.analytics.application.port.out.FeatureFlagPort;
import smap.analytics.application.port.out.console.AuditLogPort;
import smap.analytics.domain.audit.AuditEntry;
import smap.analytics.domain.flag.FlagChange;
import smap.analytics.domain.flag.FlagSnapshot;

/** Service: the flag board and audited flag changes, rollouts and restores. */
public final class ManageFlagsService implements ManageFlagsUseCase {

  private final FeatureFlagPort flags;
  private final AuditLogPort audit;
  private final Clock clock;

  public ManageFlagsService(FeatureFlagPort flags, AuditLogPort audit, Clock clock) {
    this.flags = flags;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public FlagBoard board() {
    return new FlagBoard(flags.load(), flags.history(50), flags.instances());
  }

  @Override
  public FlagSnapshot change(ChangeFlagCommand command) {
    FlagChange change =
        new FlagChange(
            command.flag(),
            command.scope(),
            command.enabled(),
            command.percent(),
            command.operator(),
            command.reason(),
            clock.instant(),
            0);
    return apply(change, "flag-change", Map.of());
  }

  @Override
  public FlagSnapshot restore(RestoreFlagCommand command) {
    FlagChange undone =
        flags
            .find(command.version())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no flag change with version " + command.version()));
    Optional<FlagChange> previous = flags.before(undone.flag(), undone.scope(), undone.version());
    Boolean enabled;
    Integer percent;
    if (previous.isPresent()) {
      enabled = previous.get().enabled();
      percent = previous.get().percent();
    } else if (undone.scope().global()) {
      enabled = undone.flag().defaultValue();
      percent = null;
    } else {
      enabled = null;
      percent = null;
    }
    String why = "restore the state before version " + command.version() + ": " + command.reason();
    FlagChange change =
        new FlagChange(
            undone.flag(),
            undone.scope(),
            enabled,
            percent,
            command.operator(),
            command.reason() == null || command.reason().isBlank() ? null : why,
            clock.instant(),
            0);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("restored_before_version", command.version());
    extra.put("undone", undone.describe());
    return apply(change, "flag-restore", extra);
  }

  private FlagSnapshot apply(FlagChange change, String action, Map<String, Object> extra) {
    FlagSnapshot snapshot = flags.change(change);
    Map<String, Object> detail = new LinkedHashMap<>();
    // The audit detail holds no nulls: removing an override used to fail here, after the change.
    if (change.enabled() == null) {
      detail.put("removed", true);
    } else {
      detail.put("enabled", change.enabled());
    }
    if (change.percent() != null) {
      detail.put("percent", change.percent());
    }
    detail.putAll(extra);
    detail.put("version", snapshot.version());
    audit.record(
        new AuditEntry(
            clock.instant(),
            change.actor(),
            action,
            change.flag().key(),
            change.scope().toString(),
            change.reason(),
            "ok",
            detail));
    return snapshot;
  }
}
