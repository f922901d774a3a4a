package smap.analytics.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

/** Fake: the result outbox in memory, with the adapter's lease semantics. */
public final class InMemoryResultOutbox implements ResultOutboxPort {

  /** One stored row. */
  public static final class Row {
    public final long id;
    public final EventId eventId;
    public final String messageId;
    public final AnalyzeResult result;
    public String status = "PENDING";
    public int attempts;
    public Instant nextAttemptAt = Instant.EPOCH;
    public String lastError;

    Row(long id, EventId eventId, String messageId, AnalyzeResult result) {
      this.id = id;
      this.eventId = eventId;
      this.messageId = messageId;
      this.result = result;
    }
  }

  private final Map<Long, Row> rows = new LinkedHashMap<>();
  private long nextId = 1;

  /** Adds a row unless one with the message id exists (as the unique key does). */
  public synchronized void add(EventId eventId, String messageId, AnalyzeResult result) {
    for (Row row : rows.values()) {
      if (row.messageId.equals(messageId)) {
        return;
      }
    }
    long id = nextId++;
    rows.put(id, new Row(id, eventId, messageId, result));
  }

  public synchronized List<Row> rows() {
    return List.copyOf(rows.values());
  }

  @Override
  public synchronized List<OutboxMessage> claimDue(int limit, Instant now) {
    List<OutboxMessage> claimed = new ArrayList<>();
    for (Row row : rows.values()) {
      if (claimed.size() == limit) {
        break;
      }
      if ((row.status.equals("PENDING") || row.status.equals("FAILED"))
          && !row.nextAttemptAt.isAfter(now)) {
        row.attempts++;
        row.nextAttemptAt = now.plusSeconds(30);
        claimed.add(
            new OutboxMessage(row.id, row.eventId, row.messageId, row.result, row.attempts));
      }
    }
    return claimed;
  }

  @Override
  public synchronized void markPublished(long id, Instant at) {
    rows.get(id).status = "PUBLISHED";
  }

  @Override
  public synchronized void markUnroutable(long id, Instant at) {
    rows.get(id).status = "UNROUTABLE";
  }

  @Override
  public synchronized void markFailed(long id, String error, Instant retryAt) {
    Row row = rows.get(id);
    row.status = "FAILED";
    row.lastError = error;
    row.nextAttemptAt = retryAt;
  }

  @Override
  public synchronized long backlog() {
    return rows.values().stream()
        .filter(r -> r.status.equals("PENDING") || r.status.equals("FAILED"))
        .count();
  }
}
