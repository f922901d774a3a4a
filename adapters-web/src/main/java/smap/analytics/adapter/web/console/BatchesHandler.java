package smap.analytics.adapter.web.console;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import smap.analytics.application.port.in.console.BrowseBatchesUseCase;
import smap.analytics.application.port.in.console.BrowseBatchesUseCase.BatchListQuery;
import smap.analytics.application.port.in.console.BrowseBatchesUseCase.BatchPage;
import smap.analytics.application.port.in.console.ReplayBatchUseCase;
import smap.analytics.application.port.in.console.ReplayBatchUseCase.ReplayCommand;
import smap.analytics.application.port.in.console.ReplayBatchUseCase.ReplayOutcome;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.Cursor;

/** Screens: the batch list with filters and keyset pages; one batch with its replay form. */
final class BatchesHandler {

  private static final int PAGE = 50;

  private final BrowseBatchesUseCase batches;
  private final ReplayBatchUseCase replay;

  BatchesHandler(BrowseBatchesUseCase batches, ReplayBatchUseCase replay) {
    this.batches = batches;
    this.replay = replay;
  }

  private static BatchFilter filter(Context ctx) {
    return filter(ctx::queryParam);
  }

  /** The batch filters from request parameters (query string or form), by name. */
  static BatchFilter filter(java.util.function.Function<String, String> param) {
    return new BatchFilter(
        ConsoleSupport.blankToNull(param.apply("status")),
        ConsoleSupport.blankToNull(param.apply("platform")),
        ConsoleSupport.blankToNull(param.apply("project")),
        ConsoleSupport.blankToNull(param.apply("job")),
        ConsoleSupport.blankToNull(param.apply("error")),
        ConsoleSupport.blankToNull(param.apply("q")),
        ConsoleSupport.instant(param.apply("from"), "from"),
        ConsoleSupport.instant(param.apply("to"), "to"));
  }

  /** A page and the milliseconds it took to read. */
  private record Timed(BatchPage page, long serverMillis) {}

  private Timed query(Context ctx, BatchFilter filter) {
    return query(ctx, filter, PAGE);
  }

  private Timed query(Context ctx, BatchFilter filter, int limit) {
    Cursor after = null;
    String at = ctx.queryParam("after_at");
    String id = ctx.queryParam("after_id");
    if (at != null && id != null) {
      after = new Cursor(ConsoleSupport.instant(at, "after_at"), id);
    }
    long start = System.nanoTime();
    BatchPage page = batches.list(new BatchListQuery(filter, after, limit));
    return new Timed(page, (System.nanoTime() - start) / 1_000_000);
  }

  private static String nextQuery(BatchFilter f, BatchPage page) {
    if (page.next() == null) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("status", f.status());
    params.put("platform", f.platform());
    params.put("project", f.projectId());
    params.put("job", f.jobId());
    params.put("error", f.error());
    params.put("q", f.search());
    params.put("from", f.from() == null ? null : f.from().toString());
    params.put("to", f.to() == null ? null : f.to().toString());
    params.put("after_at", page.next().receivedAt().toString());
    params.put("after_id", page.next().eventId());
    StringBuilder query = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (v != null) {
            query
                .append(query.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return query.toString();
  }

  void list(Context ctx) {
    BatchFilter filter = filter(ctx);
    Timed timed = query(ctx, filter);
    Pages.BatchesPage model =
        new Pages.BatchesPage(
            ConsoleSupport.chrome(ctx, "Batches", "batches"),
            filter,
            timed.page(),
            nextQuery(filter, timed.page()),
            timed.serverMillis());
    ConsoleSupport.render(
        ctx, ConsoleSupport.htmx(ctx) ? "batches_rows.jte" : "batches.jte", model);
  }

  void listApi(Context ctx) {
    BatchFilter filter = filter(ctx);
    Timed timed = query(ctx, filter, Bounds.limit(ctx, "limit", PAGE, Bounds.MAX_BATCH_PAGE));
    BatchPage page = timed.page();
    ConsoleSupport.json(
        ctx,
        Map.of(
            "rows",
            page.rows(),
            "next",
            nextQuery(filter, page) == null
                ? ""
                : nextQuery(filter, page)
                    + (ctx.queryParam("limit") == null
                        ? ""
                        : "&limit=" + Fmt.query(ctx.queryParam("limit"))),
            "server_millis",
            timed.serverMillis()));
  }

  private BatchDetail detail(Context ctx) {
    return batches
        .show(EventId.of(ctx.pathParam("id")))
        .orElseThrow(() -> new NotFoundResponse("no batch " + ctx.pathParam("id")));
  }

  void show(Context ctx) {
    ConsoleSupport.render(
        ctx,
        "batch.jte",
        new Pages.BatchPageModel(
            ConsoleSupport.chrome(ctx, "Batch", "batches"), detail(ctx), Sessions.token(), null));
  }

  void showApi(Context ctx) {
    ConsoleSupport.json(ctx, detail(ctx));
  }

  private ReplayOutcome doReplay(Context ctx) {
    ConsoleSupport.requireOperator(ctx);
    return replay.replay(
        new ReplayCommand(
            EventId.of(ctx.pathParam("id")),
            ConsoleSupport.user(ctx).name(),
            ConsoleSupport.blankToNull(ctx.formParam("reason")),
            "on".equals(ctx.formParam("republish")) || "true".equals(ctx.formParam("republish")),
            "on".equals(ctx.formParam("only_failed"))
                || "true".equals(ctx.formParam("only_failed")),
            ConsoleSupport.blankToNull(ctx.formParam("key"))));
  }

  void replay(Context ctx) {
    ReplayOutcome outcome = doReplay(ctx);
    String flash =
        "Replay "
            + outcome.code()
            + (outcome.batchStatus() == null ? "" : " (" + outcome.batchStatus() + ")")
            + ": "
            + outcome.message();
    ConsoleSupport.render(
        ctx,
        "batch.jte",
        new Pages.BatchPageModel(
            ConsoleSupport.chrome(ctx, "Batch", "batches"), detail(ctx), Sessions.token(), flash));
  }

  void replayApi(Context ctx) {
    ReplayOutcome outcome = doReplay(ctx);
    ctx.status(
        switch (outcome) {
          case ReplayOutcome.NotFound n -> 404;
          case ReplayOutcome.Replayed r -> 200;
          case ReplayOutcome.AlreadySubmitted a -> 200;
          case ReplayOutcome.NotReplayable n -> 409;
          case ReplayOutcome.Failed f -> 409;
        });
    ConsoleSupport.json(ctx, outcome);
  }
}
