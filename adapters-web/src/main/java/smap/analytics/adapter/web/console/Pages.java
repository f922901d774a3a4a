package smap.analytics.adapter.web.console;

import java.time.Instant;
import java.util.List;
import smap.analytics.application.port.in.console.BrowseBatchesUseCase.BatchPage;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase.ErrorReport;
import smap.analytics.application.port.in.console.ManageFlagsUseCase.FlagBoard;
import smap.analytics.application.port.in.console.ShowOverviewUseCase.Overview;
import smap.analytics.domain.audit.AuditEntry;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.ErrorRow;
import smap.analytics.domain.replay.ReplayJobState;

/** The typed models of the console's templates, one per page or fragment. */
public final class Pages {

  private Pages() {}

  /** The results the broker returned as unroutable, with the outcome of a resend. */
  public record UnroutablePage(
      Chrome chrome, List<smap.analytics.domain.console.UnroutableResult> rows, String flash) {}

  /** The login page. */
  public record LoginPage(String csrf, String error, String next) {}

  /** The overview and its polled panel. */
  public record OverviewPage(Chrome chrome, Overview overview) {}

  /** The batch list with its filters and the query string of the next page. */
  /** The batch list; {@code serverMillis} is how long reading the page took. */
  public record BatchesPage(
      Chrome chrome, BatchFilter filter, BatchPage page, String nextQuery, long serverMillis) {}

  /** One batch. */
  public record BatchPageModel(Chrome chrome, BatchDetail detail, String replayKey, String flash) {}

  /** The crawl error dashboard. */
  public record ErrorsPage(
      Chrome chrome,
      ErrorReport report,
      ErrorChart chart,
      long serverMillis,
      String window,
      Instant from,
      Instant to,
      String code,
      List<ErrorRow> items) {}

  /** The feature flags. */
  public record FlagsPage(Chrome chrome, FlagBoard board, String flash) {}

  /** The replay jobs. */
  public record ReplaysPage(Chrome chrome, List<smap.analytics.domain.replay.ReplayJob> jobs) {}

  /** One replay job: its frozen set's count, a sample, its progress and controls. */
  public record ReplayJobPage(
      Chrome chrome, smap.analytics.domain.replay.ReplayJob job, List<String> sample) {

    /** The operator actions the job's state offers, in button order. */
    public List<String> actions() {
      List<String> actions = new java.util.ArrayList<>();
      switch (job.status()) {
        case ReplayJobState.Draft d -> actions.add("start");
        case ReplayJobState.Running r -> actions.add("pause");
        case ReplayJobState.Paused p -> actions.add("resume");
        case ReplayJobState.Cancelled c -> {}
        case ReplayJobState.Done d -> {}
      }
      if (job.status() instanceof ReplayJobState.Cancellable) {
        actions.add("cancel");
      }
      return actions;
    }
  }

  /** The audit log. */
  public record AuditPage(Chrome chrome, List<AuditEntry> entries, String actor, String action) {}
}
