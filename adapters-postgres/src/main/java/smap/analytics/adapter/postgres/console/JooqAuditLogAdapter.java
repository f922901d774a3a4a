package smap.analytics.adapter.postgres.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import smap.analytics.application.port.out.console.AuditLogPort;

/** Adapter: the operator audit log in PostgreSQL. */
public final class JooqAuditLogAdapter implements AuditLogPort {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final DSLContext dsl;

  public JooqAuditLogAdapter(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void record(AuditEntry e) {
    try {
      dsl.execute(
          "INSERT INTO audit_log (at, actor, action, target, scope, reason, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
          Timestamp.from(e.at()),
          e.actor(),
          e.action(),
          e.target(),
          e.scope(),
          e.reason(),
          e.outcome(),
          JSON.writeValueAsString(e.detail()));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @Override
  public List<AuditEntry> list(String actor, String action, int limit) {
    List<AuditEntry> entries = new ArrayList<>();
    for (Record r :
        dsl.fetch(
            "SELECT at, actor, action, target, scope, reason, outcome, detail::text AS detail FROM audit_log"
                + " WHERE (?::text IS NULL OR actor = ?) AND (?::text IS NULL OR action = ?) ORDER BY at DESC, id DESC LIMIT ?",
            actor,
            actor,
            action,
            action,
            limit)) {
      Map<String, Object> detail;
      try {
        detail =
            r.get("detail") == null
                ? Map.of()
                : JSON.readValue(
                    r.get("detail", String.class), new TypeReference<Map<String, Object>>() {});
      } catch (JsonProcessingException ex) {
        detail = Map.of("unreadable", String.valueOf(r.get("detail")));
      }
      entries.add(
          new AuditEntry(
              JooqConsoleQueryAdapter.instant(r.get("at")),
              r.get("actor", String.class),
              r.get("action", String.class),
              r.get("target", String.class),
              r.get("scope", String.class),
              r.get("reason", String.class),
              r.get("outcome", String.class),
              detail));
    }
    return entries;
  }
}
