package smap.analytics.adapter.web.console;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Optional;
import smap.analytics.application.port.in.console.ReplayBatchesUseCase;
import smap.analytics.application.port.in.console.ReplayBatchesUseCase.Preview;
import smap.analytics.application.port.in.console.ReplayBatchesUseCase.PreviewCommand;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.replay.ReplayJob;

/** Screens: replay a filtered set (preview of the frozen set, then start), jobs with progress. */
final class ReplaysHandler {

  private final ReplayBatchesUseCase replays;

  ReplaysHandler(ReplayBatchesUseCase replays) {
    this.replays = replays;
  }

  private Preview doPreview(Context ctx) {
    ConsoleSupport.requireOperator(ctx);
    BatchFilter filter = BatchesHandler.filter(ctx::formParam);
    String key = ConsoleSupport.blankToNull(ctx.formParam("key"));
    if (key == null) {
      throw new BadRequestResponse("key (a one-time form key) is required");
    }
    int rate;
    try {
      rate =
          ctx.formParam("rate") == null || ctx.formParam("rate").isBlank()
              ? 5
              : Integer.parseInt(ctx.formParam("rate").strip());
    } catch (NumberFormatException e) {
      throw new BadRequestResponse("rate must be a whole number of batches per second");
    }
    String text =
        "status="
            + nz(filter.status())
            + " platform="
            + nz(filter.platform())
            + " project="
            + nz(filter.projectId())
            + " job="
            + nz(filter.jobId())
            + " error~"
            + nz(filter.error())
            + " id^"
            + nz(filter.search());
    return replays.preview(
        new PreviewCommand(
            filter,
            text,
            ConsoleSupport.user(ctx).name(),
            ConsoleSupport.blankToNull(ctx.formParam("reason")),
            "on".equals(ctx.formParam("republish")) || "true".equals(ctx.formParam("republish")),
            rate,
            key));
  }

  private static String nz(String value) {
    return value == null ? "*" : value;
  }

  void preview(Context ctx) {
    Preview preview = doPreview(ctx);
    ctx.redirect("/replays/" + preview.job().id());
  }

  void previewApi(Context ctx) {
    ConsoleSupport.json(ctx, doPreview(ctx));
  }

  void list(Context ctx) {
    Pages.ReplaysPage page =
        new Pages.ReplaysPage(ConsoleSupport.chrome(ctx, "Replays", "replays"), replays.jobs());
    ConsoleSupport.render(ctx, ConsoleSupport.htmx(ctx) ? "replays_rows.jte" : "replays.jte", page);
  }

  void listApi(Context ctx) {
    ConsoleSupport.json(ctx, replays.jobs());
  }

  private long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new NotFoundResponse("no replay job " + ctx.pathParam("id"));
    }
  }

  void show(Context ctx) {
    ReplayJob job =
        replays
            .job(id(ctx))
            .orElseThrow(() -> new NotFoundResponse("no replay job " + ctx.pathParam("id")));
    List<String> sample = replays.sample(job.id(), 10);
    ConsoleSupport.render(
        ctx,
        ConsoleSupport.htmx(ctx) ? "replay_job_panel.jte" : "replay_job.jte",
        new Pages.ReplayJobPage(ConsoleSupport.chrome(ctx, "Replay job", "replays"), job, sample));
  }

  void showApi(Context ctx) {
    ConsoleSupport.json(
        ctx, replays.job(id(ctx)).orElseThrow(() -> new NotFoundResponse("no replay job")));
  }

  private Optional<ReplayJob> act(Context ctx) {
    ConsoleSupport.requireOperator(ctx);
    String operator = ConsoleSupport.user(ctx).name();
    long id = id(ctx);
    return switch (ctx.pathParam("action")) {
      case "start" -> replays.start(id, operator);
      case "pause" -> replays.pause(id, operator);
      case "resume" -> replays.resume(id, operator);
      case "cancel" -> replays.cancel(id, operator);
      default -> throw new BadRequestResponse("action must be start, pause, resume or cancel");
    };
  }

  void action(Context ctx) {
    ReplayJob job = act(ctx).orElseThrow(() -> new NotFoundResponse("no replay job"));
    ctx.redirect("/replays/" + job.id());
  }

  void actionApi(Context ctx) {
    ConsoleSupport.json(ctx, act(ctx).orElseThrow(() -> new NotFoundResponse("no replay job")));
  }
}
