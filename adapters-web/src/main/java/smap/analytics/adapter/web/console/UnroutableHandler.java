package smap.analytics.adapter.web.console;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import smap.analytics.application.port.in.console.ResendUnroutableResultsUseCase;
import smap.analytics.application.port.in.console.ResendUnroutableResultsUseCase.ResendCommand;
import smap.analytics.application.port.in.console.ResendUnroutableResultsUseCase.ResendOutcome;

/** Screen: the results the broker returned as unroutable, with the operator's resend. */
final class UnroutableHandler {

  private final ResendUnroutableResultsUseCase unroutable;

  UnroutableHandler(ResendUnroutableResultsUseCase unroutable) {
    this.unroutable = unroutable;
  }

  void page(Context ctx) {
    render(ctx, null);
  }

  private void render(Context ctx, String flash) {
    Pages.UnroutablePage page =
        new Pages.UnroutablePage(
            ConsoleSupport.chrome(ctx, "Unroutable results", "overview"), unroutable.list(), flash);
    ConsoleSupport.render(
        ctx, ConsoleSupport.htmx(ctx) ? "unroutable_panel.jte" : "unroutable.jte", page);
  }

  void api(Context ctx) {
    ConsoleSupport.json(ctx, Map.of("rows", unroutable.list()));
  }

  private ResendOutcome doResend(Context ctx, List<String> ids) {
    ConsoleSupport.requireOperator(ctx);
    List<Long> parsed = new ArrayList<>();
    for (String id : ids) {
      for (String part : id.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        try {
          parsed.add(Long.parseLong(part.strip()));
        } catch (NumberFormatException e) {
          throw new BadRequestResponse("id: expected a number, got '" + Bounds.shorten(part) + "'");
        }
      }
    }
    try {
      return unroutable.resend(
          new ResendCommand(
              parsed,
              ConsoleSupport.user(ctx).name(),
              ConsoleSupport.blankToNull(ctx.formParam("reason"))));
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
  }

  /** The console's form: checked rows arrive as repeated {@code id} fields. */
  void resend(Context ctx) {
    render(ctx, doResend(ctx, ctx.formParams("id")).message());
  }

  /** The API: {@code id} form fields or query parameters, repeated or comma-separated. */
  void resendApi(Context ctx) {
    List<String> ids = new ArrayList<>(ctx.formParams("id"));
    ids.addAll(ctx.queryParams("id"));
    ResendOutcome outcome = doResend(ctx, ids);
    ctx.status(outcome.queued().isEmpty() ? 409 : 202);
    ConsoleSupport.json(
        ctx,
        Map.of(
            "queued", outcome.queued(),
            "skipped", outcome.skipped(),
            "message", outcome.message()));
  }
}
