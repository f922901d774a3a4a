package smap.analytics.application.port.in.console;

import java.util.List;
import smap.analytics.application.port.out.FeatureFlagPort.InstanceState;
import smap.analytics.application.port.out.FlagChange;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagScope;
import smap.analytics.domain.flag.FlagSnapshot;

/** Use case: see every flag with its history and which instances applied it; change one. */
public interface ManageFlagsUseCase {

  FlagBoard board();

  /** Changes a flag (reason required) and audits it. */
  FlagSnapshot change(ChangeFlagCommand command);

  record ChangeFlagCommand(
      FeatureFlag flag, FlagScope scope, Boolean enabled, String operator, String reason) {}

  /** Everything the flag page shows. */
  record FlagBoard(
      FlagSnapshot snapshot, List<FlagChange> history, List<InstanceState> instances) {}
}
