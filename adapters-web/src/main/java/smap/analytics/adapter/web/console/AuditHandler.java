package smap.analytics.adapter.web.console;

import io.javalin.http.Context;
import java.util.List;
import smap.analytics.application.port.in.console.AuditTrailUseCase;
import smap.analytics.application.port.out.console.AuditLogPort.AuditEntry;

/** Screen: the audit log with filters and CSV export. */
final class AuditHandler {

  private final AuditTrailUseCase audit;

  AuditHandler(AuditTrailUseCase audit) {
    this.audit = audit;
  }

  private List<AuditEntry> entries(Context ctx) {
    return audit.list(
        ConsoleSupport.blankToNull(ctx.queryParam("actor")),
        ConsoleSupport.blankToNull(ctx.queryParam("action")),
        500);
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

  void csv(Context ctx) {
    StringBuilder csv = new StringBuilder("at,actor,action,target,scope,reason,outcome\n");
    for (AuditEntry e : entries(ctx)) {
      csv.append(e.at())
          .append(',')
          .append(ErrorsHandler.cell(e.actor()))
          .append(',')
          .append(ErrorsHandler.cell(e.action()))
          .append(',')
          .append(ErrorsHandler.cell(e.target()))
          .append(',')
          .append(ErrorsHandler.cell(e.scope()))
          .append(',')
          .append(ErrorsHandler.cell(e.reason()))
          .append(',')
          .append(ErrorsHandler.cell(e.outcome()))
          .append('\n');
    }
    ctx.header("Content-Disposition", "attachment; filename=\"audit-log.csv\"")
        .contentType("text/csv; charset=utf-8")
        .result(csv.toString());
  }
}
