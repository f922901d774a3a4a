package smap.analytics.adapter.postgres.console;

import static smap.analytics.adapter.postgres.schema.Tables.AUDIT_LOG;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import smap.analytics.adapter.postgres.schema.tables.records.AuditLogRecord;
import smap.analytics.application.port.out.console.AuditLogPort;
import smap.analytics.domain.audit.AuditEntry;

/** Adapter: the operator audit log in PostgreSQL (typed jOOQ over the generated schema). */
public final class JooqAuditLogAdapter implements AuditLogPort {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final DSLContext dsl;

  public JooqAuditLogAdapter(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void record(AuditEntry e) {
    try {
      dsl.insertInto(AUDIT_LOG)
          .set(AUDIT_LOG.AT, e.at())
          .set(AUDIT_LOG.ACTOR, e.actor())
          .set(AUDIT_LOG.ACTION, e.action())
          .set(AUDIT_LOG.TARGET, e.target())
          .set(AUDIT_LOG.SCOPE, e.scope())
          .set(AUDIT_LOG.REASON, e.reason())
          .set(AUDIT_LOG.OUTCOME, e.outcome())
          .set(AUDIT_LOG.DETAIL, JSONB.valueOf(JSON.writeValueAsString(e.detail())))
          .execute();
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @Override
  public List<AuditEntry> list(String actor, String action, int limit) {
    Condition where = DSL.noCondition();
    if (actor != null) {
      where = where.and(AUDIT_LOG.ACTOR.eq(actor));
    }
    if (action != null) {
      where = where.and(AUDIT_LOG.ACTION.eq(action));
    }
    List<AuditEntry> entries = new ArrayList<>();
    for (AuditLogRecord r :
        dsl.selectFrom(AUDIT_LOG)
            .where(where)
            .orderBy(AUDIT_LOG.AT.desc(), AUDIT_LOG.ID.desc())
            .limit(limit)
            .fetch()) {
      entries.add(
          new AuditEntry(
              r.getAt(),
              r.getActor(),
              r.getAction(),
              r.getTarget(),
              r.getScope(),
              r.getReason(),
              r.getOutcome(),
              detail(r.getDetail())));
    }
    return entries;
  }

  private static Map<String, Object> detail(JSONB detail) {
    if (detail == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(detail.data(), new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException ex) {
      return Map.of("unreadable", detail.data());
    }
  }
}
