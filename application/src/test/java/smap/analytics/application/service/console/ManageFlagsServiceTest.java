package smap.analytics.application.service.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import smap.analytics.application.fake.InMemoryAuditLog;
import smap.analytics.application.fake.InMemoryFeatureFlags;
import smap.analytics.application.port.in.console.ManageFlagsUseCase.ChangeFlagCommand;
import smap.analytics.application.port.in.console.ManageFlagsUseCase.RestoreFlagCommand;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagScope;

class ManageFlagsServiceTest {

  private final Clock clock = Clock.fixed(Instant.parse("2025-12-17T10:00:00Z"), ZoneOffset.UTC);
  private final InMemoryFeatureFlags flags = new InMemoryFeatureFlags();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final ManageFlagsService service = new ManageFlagsService(flags, audit, clock);

  @Test
  void aChangeIsStoredShownOnTheBoardAndAudited() {
    service.change(
        new ChangeFlagCommand(
            FeatureFlag.CONSUMPTION_PAUSED, FlagScope.GLOBAL, true, "ana", "broker maintenance"));

    var board = service.board();
    assertThat(board.snapshot().enabled(FeatureFlag.CONSUMPTION_PAUSED)).isTrue();
    assertThat(board.history())
        .singleElement()
        .satisfies(h -> assertThat(h.reason()).isEqualTo("broker maintenance"));
    assertThat(audit.list("ana", "flag-change", 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.target()).isEqualTo("consumption-paused");
              assertThat(e.scope()).isEqualTo("global");
              assertThat(e.detail()).containsEntry("enabled", true);
            });
  }

  @Test
  void aChangeWithoutReasonIsRefusedAndNotAudited() {
    assertThatThrownBy(
            () ->
                service.change(
                    new ChangeFlagCommand(
                        FeatureFlag.LEGACY_FORMAT, FlagScope.GLOBAL, false, "ana", " ")))
        .hasMessageContaining("reason is required");
    assertThat(audit.list(null, null, 10)).isEmpty();
  }

  @Test
  void aCanaryGoesFromTenToFiftyToAllAndRestoreStepsBackOneChange() {
    FeatureFlag stage = FeatureFlag.STAGE_SENTIMENT;
    service.change(new ChangeFlagCommand(stage, FlagScope.GLOBAL, true, 10, "ana", "canary"));
    long fifty =
        service
            .change(new ChangeFlagCommand(stage, FlagScope.GLOBAL, true, 50, "ana", "looks fine"))
            .version();
    assertThat(service.board().snapshot().percent(stage, FlagScope.GLOBAL)).isEqualTo(50);

    var restored = service.restore(new RestoreFlagCommand(fifty, "bo", "p95 went up"));

    assertThat(restored.percent(stage, FlagScope.GLOBAL)).isEqualTo(10);
    assertThat(restored.enabled(stage)).isTrue();
    assertThat(service.board().history().get(0).reason())
        .isEqualTo("restore the state before version " + fifty + ": p95 went up");
    assertThat(audit.list("bo", "flag-restore", 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.target()).isEqualTo("stage-sentiment");
              assertThat(e.detail()).containsEntry("percent", 10);
              assertThat(e.detail()).containsEntry("restored_before_version", fifty);
              assertThat(e.detail()).containsEntry("undone", "on for 50 %");
            });
  }

  @Test
  void restoringTheFirstChangeGoesBackToTheDefaultOrRemovesTheOverride() {
    long global =
        service
            .change(
                new ChangeFlagCommand(
                    FeatureFlag.RESULT_PUBLISHING,
                    FlagScope.GLOBAL,
                    false,
                    "ana",
                    "collector down"))
            .version();
    long scoped =
        service
            .change(
                new ChangeFlagCommand(
                    FeatureFlag.CONSUMPTION_PAUSED,
                    FlagScope.instance("canary-1"),
                    true,
                    "ana",
                    "stop the canary"))
            .version();

    service.restore(new RestoreFlagCommand(global, "ana", "collector back"));
    var snapshot = service.restore(new RestoreFlagCommand(scoped, "ana", "canary fixed"));

    assertThat(snapshot.enabled(FeatureFlag.RESULT_PUBLISHING)).isTrue();
    assertThat(snapshot.overrides()).doesNotContainKey(FlagScope.instance("canary-1"));
    assertThat(service.board().history().get(0).enabled()).isNull();
  }

  @Test
  void restoringAnUnknownVersionOrWithoutReasonIsRefused() {
    assertThatThrownBy(() -> service.restore(new RestoreFlagCommand(99, "ana", "oops")))
        .hasMessageContaining("no flag change with version 99");
    long v =
        service
            .change(
                new ChangeFlagCommand(
                    FeatureFlag.LEGACY_FORMAT, FlagScope.GLOBAL, false, "ana", "retired"))
            .version();
    assertThatThrownBy(() -> service.restore(new RestoreFlagCommand(v, "ana", " ")))
        .hasMessageContaining("reason is required");
  }

  @Test
  void onlyStageFlagsRollOutToAPercentage() {
    assertThatThrownBy(
            () ->
                service.change(
                    new ChangeFlagCommand(
                        FeatureFlag.BATCH_FORMAT, FlagScope.GLOBAL, true, 10, "ana", "canary")))
        .hasMessageContaining("only the analysis-stage flags");
    assertThatThrownBy(
            () ->
                service.change(
                    new ChangeFlagCommand(
                        FeatureFlag.STAGE_IMPACT, FlagScope.GLOBAL, false, 10, "ana", "canary")))
        .hasMessageContaining("only to turning a flag on");
  }
}
