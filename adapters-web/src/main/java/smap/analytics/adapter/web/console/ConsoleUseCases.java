package smap.analytics.adapter.web.console;

import java.util.Map;
import smap.analytics.application.port.in.console.AuditTrailUseCase;
import smap.analytics.application.port.in.console.BrowseBatchesUseCase;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase;
import smap.analytics.application.port.in.console.ManageFlagsUseCase;
import smap.analytics.application.port.in.console.ReplayBatchUseCase;
import smap.analytics.application.port.in.console.ReplayBatchesUseCase;
import smap.analytics.application.port.in.console.ResendUnroutableResultsUseCase;
import smap.analytics.application.port.in.console.ShowOverviewUseCase;

/**
 * What the console needs: its use cases, its users, whether cookies are marked Secure and its
 * security settings.
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
    ResendUnroutableResultsUseCase unroutable,
    Map<String, ConsoleUser> users,
    boolean secureCookies,
    ConsoleOptions options) {

  public ConsoleUseCases {
    if (users == null || users.isEmpty()) {
      throw new IllegalArgumentException("the console needs at least one user (CONSOLE_USERS)");
    }
    users = Map.copyOf(users);
    options = options == null ? ConsoleOptions.defaults() : options;
  }
}
