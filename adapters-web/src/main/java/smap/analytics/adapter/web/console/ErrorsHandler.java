package smap.analytics.adapter.web.console;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase.ErrorQuery;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase.ErrorReport;
import smap.analytics.application.port.in.console.InspectCrawlErrorsUseCase.Total;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;

/** Screen: the error distribution of a window, drill-down by code, CSV export. */
final class ErrorsHandler {

  private final InspectCrawlErrorsUseCase errors;
  private final Clock clock;

  ErrorsHandler(InspectCrawlErrorsUseCase errors, Clock clock) {
    this.errors = errors;
    this.clock = clock;
  }

  private record Window(String label, Instant from, Instant to) {}

  private Window window(Context ctx) {
    Instant to = ConsoleSupport.instant(ctx.queryParam("to"), "to");
    Instant from = ConsoleSupport.instant(ctx.queryParam("from"), "from");
    String label = ctx.queryParam("window") == null ? "24h" : ctx.queryParam("window");
    Window window;
    if (from == null) {
      Instant end = to == null ? clock.instant() : to;
      java.time.Duration length = ConsoleSupport.window(label);
      if (length.compareTo(Bounds.MAX_WINDOW) > 0) {
        throw new io.javalin.http.BadRequestResponse(
            "the window is longer than "
                + Bounds.MAX_WINDOW.toDays()
                + " days; choose a shorter one");
      }
      window = new Window(label, end.minus(length), end);
    } else {
      window = new Window("custom", from, to == null ? clock.instant() : to);
    }
    Bounds.window(window.from(), window.to());
    return window;
  }

  /** The error report of a window, in the JSON API's shape. */
  record ErrorsJson(
      Query query,
      List<ErrorGroup> groups,
      List<Total> byCode,
      List<Total> byCategory,
      List<Total> byPlatform,
      long transientCount,
      long permanentCount,
      long total,
      long serverMillis,
      ErrorChart series) {}

  /** The window and source a report covers ({@code source} null for both). */
  record Query(Instant from, Instant to, String source) {}

  /** A report with the chart of its series and the milliseconds it took to read. */
  private record Timed(ErrorReport report, ErrorChart chart, long serverMillis) {}

  private Timed report(Context ctx, Window w) {
    long start = System.nanoTime();
    ErrorReport report =
        errors.report(
            new ErrorQuery(
                w.from(),
                w.to(),
                source(ctx),
                ErrorChart.bucketSeconds(java.time.Duration.between(w.from(), w.to()))));
    return new Timed(report, ErrorChart.of(report), (System.nanoTime() - start) / 1_000_000);
  }

  private static String source(Context ctx) {
    String source = ConsoleSupport.blankToNull(ctx.queryParam("source"));
    return source == null || source.equals("all") ? null : source;
  }

  void page(Context ctx) {
    Window w = window(ctx);
    Timed timed = report(ctx, w);
    String code = ConsoleSupport.blankToNull(ctx.queryParam("code"));
    List<ErrorRow> items = code == null ? List.of() : errors.items(code, w.from(), w.to(), 100);
    ConsoleSupport.render(
        ctx,
        "errors.jte",
        new Pages.ErrorsPage(
            ConsoleSupport.chrome(ctx, "Crawl errors", "errors"),
            timed.report(),
            timed.chart(),
            timed.serverMillis(),
            w.label(),
            w.from(),
            w.to(),
            code,
            items));
  }

  void api(Context ctx) {
    Window w = window(ctx);
    Timed timed = report(ctx, w);
    ErrorReport r = timed.report();
    ConsoleSupport.json(
        ctx,
        new ErrorsJson(
            new Query(r.query().from(), r.query().to(), r.query().source()),
            r.groups(),
            r.byCode(),
            r.byCategory(),
            r.byPlatform(),
            r.transientCount(),
            r.permanentCount(),
            r.total(),
            timed.serverMillis(),
            timed.chart()));
  }

  void csv(Context ctx) {
    Window w = window(ctx);
    ErrorReport report = report(ctx, w).report();
    StringBuilder csv =
        new StringBuilder(
            "error_code,category,transient,platform,source,count,first_seen,last_seen,new_in_window\n");
    for (ErrorGroup g : report.groups()) {
      csv.append(cell(g.code()))
          .append(',')
          .append(cell(g.category()))
          .append(',')
          .append(g.transientError())
          .append(',')
          .append(cell(g.platform()))
          .append(',')
          .append(cell(g.source()))
          .append(',')
          .append(g.count())
          .append(',')
          .append(g.firstSeen())
          .append(',')
          .append(g.lastSeen())
          .append(',')
          .append(g.newInWindow())
          .append('\n');
    }
    ctx.header("Content-Disposition", "attachment; filename=\"crawl-errors.csv\"")
        .contentType("text/csv; charset=utf-8")
        .result(csv.toString());
  }

  /** A CSV cell, quoted, with formula-starting characters neutralised for spreadsheets. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
