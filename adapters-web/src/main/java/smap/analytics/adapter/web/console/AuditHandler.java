package smap.analytics.adapter.web.console;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import smap.analytics.application.port.in.console.AuditTrailUseCase;
import smap.analytics.domain.audit.AuditEntry;

/** Screen: the audit log with filters and CSV export. */
final class AuditHandler {

  private final AuditTrailUseCase audit;

  AuditHandler(AuditTrailUseCase audit) {
    this.audit = audit;
  }

  private List<AuditEntry> entries(Context ctx, int limit) {
    return audit.list(
        ConsoleSupport.blankToNull(ctx.queryParam("actor")),
        ConsoleSupport.blankToNull(ctx.queryParam("action")),
        limit);
  }

  private List<AuditEntry> entries(Context ctx) {
    return entries(ctx, Bounds.limit(ctx, "limit", 500, Bounds.MAX_AUDIT_PAGE));
  }

  void page(Context ctx) {
    ConsoleSupport.render(
        ctx,
        "audit.jte",
        new Pages.AuditPage(
            ConsoleSupport.chrome(ctx, "Audit log", "audit"),
            entries(ctx),
            ctx.queryParam("actor"),
            ctx.queryParam("action")));
  }

  void api(Context ctx) {
    ConsoleSupport.json(ctx, entries(ctx));
  }

  /** Streamed row by row, at most {@link Bounds#MAX_CSV_ROWS} rows (the newest). */
  void csv(Context ctx) throws IOException {
    List<AuditEntry> rows =
        entries(ctx, Bounds.limit(ctx, "limit", Bounds.MAX_CSV_ROWS, Bounds.MAX_CSV_ROWS));
    ctx.header("Content-Disposition", "attachment; filename=\"audit-log.csv\"")
        .contentType("text/csv; charset=utf-8");
    try (Writer csv =
        new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
      csv.write("at,actor,action,target,scope,reason,outcome\n");
      for (AuditEntry e : rows) {
        csv.write(
            e.at()
                + ","
                + ErrorsHandler.cell(e.actor())
                + ","
                + ErrorsHandler.cell(e.action())
                + ","
                + ErrorsHandler.cell(e.target())
                + ","
                + ErrorsHandler.cell(e.scope())
                + ","
                + ErrorsHandler.cell(e.reason())
                + ","
                + ErrorsHandler.cell(e.outcome())
                + "\n");
      }
    }
  }
}
