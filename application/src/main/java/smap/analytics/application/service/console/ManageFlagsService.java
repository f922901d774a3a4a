package smap.analytics.application.service.console;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import smap.analytics.application.port.in.console.ManageFlagsUseCase;
import smap.analytics.application.port.out.FeatureFlagPort;
import smap.analytics.application.port.out.FlagChange;
import smap.analytics.application.port.out.console.AuditLogPort;
import smap.analytics.application.port.out.console.AuditLogPort.AuditEntry;
import smap.analytics.domain.flag.FlagSnapshot;

/** Service: the flag board and audited flag changes. */
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
            command.operator(),
            command.reason(),
            clock.instant(),
            0);
    FlagSnapshot snapshot = flags.change(change);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("enabled", command.enabled());
    detail.put("version", snapshot.version());
    audit.record(
        new AuditEntry(
            clock.instant(),
            command.operator(),
            "flag-change",
            command.flag().key(),
            command.scope().toString(),
            command.reason(),
            "ok",
            detail));
    return snapshot;
  }
}
