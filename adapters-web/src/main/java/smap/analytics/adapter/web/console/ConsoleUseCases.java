package smap.analytics.adapter.web.console;

import java.util.Map;
import smap.analytics.application.port.in.console.AuditTrailUseCase;
import smap.analytics.application.port.in.console.BrowseBatchesUseCase;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase;
import smap.analytics.application.port.in.console.ManageFlagsUseCase;
import smap.analytics.application.port.in.console.ReplayBatchUseCase;
import smap.analytics.application.port.in.console.ReplayBatchesUseCase;
import smap.analytics.application.port.in.console.ShowOverviewUseCase;

/**
 * What the console needs: its use cases, its users and whether cookies are marked Secure.
 *
 * @param users by name; the console refuses to start without any
 */
public record ConsoleUseCases(
    ShowOverviewUseCase overview,
    BrowseBatchesUseCase batches,
    InspectCrawlErrorsUseCase errors,
    ReplayBatchUseCase replay,
    ReplayBatchesUseCase replays,
    ManageFlagsUseCase flags,
    AuditTrailUseCase audit,
    Map<String, ConsoleUser> users,
    boolean secureCookies) {

  public ConsoleUseCases {
    if (users == null || users.isEmpty()) {
      throw new IllegalArgumentException("the console needs at least one user (CONSOLE_USERS)");
    }
    users = Map.copyOf(users);
  }
}
