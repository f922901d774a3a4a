package smap.analytics.adapter.postgres;

import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Converter;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.TableField;
import smap.analytics.adapter.postgres.schema.tables.records.BatchLedgerRecord;
import smap.analytics.application.port.out.BatchStart;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.MessageFormat;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/** Maps ledger rows to {@link BatchEntry} and a {@link BatchStart} to a new ledger row. */
final class LedgerEntryMapper {

  /** batch_ledger.status and batch_attempts.status as the domain's enum. */
  static final Converter<String, BatchStatus> STATUS =
      Converter.ofNullable(
          String.class, BatchStatus.class, BatchStatus::valueOf, BatchStatus::name);

  /** batch_ledger.format as the domain's enum. */
  static final Converter<String, MessageFormat> FORMAT =
      Converter.ofNullable(
          String.class, MessageFormat.class, MessageFormat::valueOf, MessageFormat::name);

  static final Field<BatchStatus> LEDGER_STATUS = BATCH_LEDGER.STATUS.convert(STATUS);

  /** The statuses a redelivery must not change (see {@link BatchStatus#terminal()}). */
  static final List<BatchStatus> TERMINAL =
      Arrays.stream(BatchStatus.values()).filter(BatchStatus::terminal).toList();

  /** The columns {@link #newEntry} sets. */
  static final List<TableField<BatchLedgerRecord, ?>> NEW_ENTRY =
      List.of(
          BATCH_LEDGER.EVENT_ID,
          BATCH_LEDGER.EVENT_ID_DERIVED,
          BATCH_LEDGER.EVENT_TYPE,
          BATCH_LEDGER.EVENT_TIMESTAMP,
          BATCH_LEDGER.QUEUE,
          BATCH_LEDGER.FORMAT,
          BATCH_LEDGER.OBJECT_PATH,
          BATCH_LEDGER.PROJECT_ID,
          BATCH_LEDGER.JOB_ID,
          BATCH_LEDGER.BATCH_INDEX,
          BATCH_LEDGER.CONTENT_COUNT,
          BATCH_LEDGER.PLATFORM,
          BATCH_LEDGER.TASK_TYPE,
          BATCH_LEDGER.BRAND_NAME,
          BATCH_LEDGER.KEYWORD,
          BATCH_LEDGER.STATUS,
          BATCH_LEDGER.ATTEMPTS,
          BATCH_LEDGER.RAW_BODY,
          BATCH_LEDGER.RAW_BODY_TRUNCATED,
          BATCH_LEDGER.RECEIVED_AT,
          BATCH_LEDGER.STARTED_AT,
          BATCH_LEDGER.UPDATED_AT);

  private LedgerEntryMapper() {}

  /** A new entry: status PROCESSING, attempt 1, the raw message kept up to its bound. */
  static BatchLedgerRecord newEntry(BatchStart start) {
    EventContext c = start.context();
    byte[] body = start.rawBody();
    boolean truncated = body.length > JooqBatchLedgerAdapter.MAX_RAW_BODY;
    BatchLedgerRecord r = new BatchLedgerRecord();
    r.setEventId(c.eventId().value());
    r.setEventIdDerived(c.eventId().derived());
    r.setEventType(c.eventType());
    r.setEventTimestamp(c.timestamp());
    r.setQueue(Storable.text(start.queue(), ColumnLimits.QUEUE));
    r.setFormat(FORMAT.to(start.format()));
    r.setObjectPath(Storable.text(start.objectPath(), ColumnLimits.URL));
    r.setProjectId(Storable.text(c.projectId(), ColumnLimits.PROJECT_ID));
    r.setJobId(Storable.text(c.jobId(), ColumnLimits.JOB_ID));
    r.setBatchIndex(c.batchIndex());
    r.setContentCount(c.contentCount());
    r.setPlatform(c.platform() == null ? "UNKNOWN" : c.platform().name());
    r.setTaskType(Storable.text(c.taskType(), ColumnLimits.TASK_TYPE));
    r.setBrandName(Storable.text(c.brandName(), ColumnLimits.BRAND_NAME));
    r.setKeyword(Storable.text(c.keyword(), ColumnLimits.KEYWORD));
    r.setStatus(STATUS.to(BatchStatus.PROCESSING));
    r.setAttempts(1);
    r.setRawBody(truncated ? Arrays.copyOf(body, JooqBatchLedgerAdapter.MAX_RAW_BODY) : body);
    r.setRawBodyTruncated(truncated);
    r.setReceivedAt(start.startedAt());
    r.setStartedAt(start.startedAt());
    r.setUpdatedAt(start.startedAt());
    return r;
  }

  static BatchEntry entry(BatchLedgerRecord row) {
    EventContext context =
        new EventContext(
            new EventId(row.getEventId(), row.getEventIdDerived()),
            row.getEventType(),
            row.getEventTimestamp(),
            row.getProjectId(),
            row.getJobId(),
            row.getBatchIndex(),
            row.getContentCount(),
            platform(row.getPlatform()),
            row.getTaskType(),
            row.getBrandName(),
            row.getKeyword());
    BatchCounts counts =
        new BatchCounts(
            row.getItems(),
            row.getSucceeded(),
            row.getCrawlerErrors(),
            row.getAnalysisErrors(),
            row.getExpected());
    Map<String, Boolean> flags = new LinkedHashMap<>();
    Json.readMap(text(row.getFlags())).forEach((k, v) -> flags.put(k, Boolean.TRUE.equals(v)));
    return new BatchEntry(
        context,
        STATUS.from(row.getStatus()),
        row.getAttempts(),
        row.getReplays(),
        row.getQueue(),
        FORMAT.from(row.getFormat()),
        row.getObjectPath(),
        row.getProjectId(),
        row.getPlatform(),
        counts,
        row.getLastError(),
        row.getLastErrorDetail(),
        flags,
        Json.readStrings(text(row.getWarnings())),
        row.getRawBody(),
        row.getRawBodyTruncated(),
        row.getReceivedAt(),
        row.getStartedAt(),
        row.getFinishedAt(),
        row.getFetchMs(),
        row.getProcessingMs());
  }

  /** A JSONB column's value as JSON text, written once. */
  static JSONB jsonb(Object value) {
    String json = Json.write(value);
    return json == null ? null : JSONB.valueOf(json);
  }

  private static String text(JSONB value) {
    return value == null ? null : value.data();
  }

  /** A stored platform (written from {@link Platform#name()}), or null where none was named. */
  private static Platform platform(String stored) {
    return stored == null ? null : Platform.from(stored);
  }
}
