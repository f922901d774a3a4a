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
}
