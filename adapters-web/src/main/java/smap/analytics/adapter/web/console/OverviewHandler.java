package smap.analytics.adapter.web.console;

import io.javalin.http.Context;
import smap.analytics.application.port.in.console.ShowOverviewUseCase;

/** Screen: the live overview; its panel is re-fetched by htmx every few seconds. */
final class OverviewHandler {

  private final ShowOverviewUseCase overview;

  OverviewHandler(ShowOverviewUseCase overview) {
    this.overview = overview;
  }

  void page(Context ctx) {
    Pages.OverviewPage page =
        new Pages.OverviewPage(
            ConsoleSupport.chrome(ctx, "Overview", "overview"), overview.overview());
    ConsoleSupport.render(
        ctx, ConsoleSupport.htmx(ctx) ? "overview_panel.jte" : "overview.jte", page);
  }

  void api(Context ctx) {
    ConsoleSupport.json(ctx, overview.overview());
  }
}
