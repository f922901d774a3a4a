package smap.analytics.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.UnroutableResult;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;

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
    public String holder;
    public long beat;
    public int unroutableReturns;

    Row(long id, EventId eventId, String messageId, AnalyzeResult result) {
      this.id = id;
      this.eventId = eventId;
      this.messageId = messageId;
      this.result = result;
    }
  }

  private final Map<Long, Row> rows = new LinkedHashMap<>();
  private final String relay;
  private long nextId = 1;
  private boolean down;

  public InMemoryResultOutbox() {
    this("relay-1");
  }

  /** An outbox seen by the relay named {@code relay}. */
  public InMemoryResultOutbox(String relay) {
    this.relay = relay;
  }

  /** While down, every call throws as the real adapter does when PostgreSQL is unreachable. */
  public synchronized void setDown(boolean down) {
    this.down = down;
  }

  private void check() {
    if (down) {
      throw new DependencyUnavailableException(Dependency.DATABASE, "connection refused", null);
    }
  }

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
    check();
    List<OutboxMessage> claimed = new ArrayList<>();
    for (Row row : rows.values()) {
      if (claimed.size() == limit) {
        break;
      }
      if ((row.status.equals("PENDING")
              || row.status.equals("FAILED")
              || row.status.equals("UNROUTABLE"))
          && !row.nextAttemptAt.isAfter(now)) {
        row.attempts++;
        row.status = "PUBLISHING";
        row.holder = relay;
        row.beat++;
        row.nextAttemptAt = now.plusSeconds(30);
        claimed.add(message(row));
      }
    }
    return claimed;
  }

  private static OutboxMessage message(Row row) {
    return new OutboxMessage(
        row.id, row.eventId, row.messageId, row.result, row.attempts, row.unroutableReturns);
  }

  @Override
  public synchronized void markPublished(long id, Instant at) {
    check();
    rows.get(id).status = "PUBLISHED";
  }

  @Override
  public synchronized void markUnroutable(long id, Instant at, Instant retryAt) {
    check();
    Row row = rows.get(id);
    row.status = "UNROUTABLE";
    row.unroutableReturns++;
    row.nextAttemptAt = retryAt;
  }

  @Override
  public synchronized void markFailed(long id, String error, Instant retryAt) {
    check();
    Row row = rows.get(id);
    row.status = "FAILED";
    row.lastError = error;
    row.nextAttemptAt = retryAt;
  }

  @Override
  public synchronized void release(long id, Instant now) {
    check();
    Row row = rows.get(id);
    if (row.status.equals("PUBLISHING") && relay.equals(row.holder)) {
      row.status =
          row.unroutableReturns > 0 ? "UNROUTABLE" : row.attempts > 1 ? "FAILED" : "PENDING";
      row.attempts--;
      row.nextAttemptAt = now;
    }
  }

  @Override
  public synchronized void renew(Collection<Long> ids, Instant now) {
    check();
    for (long id : ids) {
      Row row = rows.get(id);
      if (row.status.equals("PUBLISHING") && relay.equals(row.holder)) {
        row.nextAttemptAt = now.plusSeconds(30);
        row.beat++;
      }
    }
  }

  /** Calls of {@link #expiredLeases}. */
  public int leaseLooks;

  @Override
  public synchronized List<Lease> expiredLeases(int limit, Instant now) {
    check();
    leaseLooks++;
    return rows.values().stream()
        .filter(r -> r.status.equals("PUBLISHING") && !r.nextAttemptAt.isAfter(now))
        .limit(limit)
        .map(r -> new Lease(r.id, r.holder, r.beat))
        .toList();
  }

  @Override
  public synchronized Optional<OutboxMessage> takeOver(long id, long beat, Instant now) {
    check();
    Row row = rows.get(id);
    if (!row.status.equals("PUBLISHING") || row.beat != beat) {
      return Optional.empty();
    }
    row.holder = relay;
    row.beat++;
    row.attempts++;
    row.nextAttemptAt = now.plusSeconds(30);
    return Optional.of(message(row));
  }

  /** Makes the row look held by another relay (for takeover tests). */
  public synchronized void holdBy(long id, String holder, Instant leaseUntil) {
    Row row = rows.get(id);
    row.status = "PUBLISHING";
    row.holder = holder;
    row.beat++;
    row.nextAttemptAt = leaseUntil;
  }

  @Override
  public synchronized long backlog() {
    check();
    return rows.values().stream()
        .filter(
            r ->
                r.status.equals("PENDING")
                    || r.status.equals("FAILED")
                    || r.status.equals("PUBLISHING"))
        .count();
  }

  @Override
  public synchronized List<UnroutableResult> unroutable(int limit) {
    check();
    return rows.values().stream()
        .filter(r -> r.status.equals("UNROUTABLE"))
        .limit(limit)
        .map(
            r ->
                new UnroutableResult(
                    r.id,
                    r.eventId.value(),
                    r.messageId,
                    r.result.projectId(),
                    r.result.jobId(),
                    r.unroutableReturns,
                    Instant.EPOCH,
                    Instant.EPOCH,
                    r.nextAttemptAt))
        .toList();
  }

  @Override
  public synchronized List<Long> resendUnroutable(Collection<Long> ids, Instant now) {
    check();
    List<Long> due = new ArrayList<>();
    for (long id : ids) {
      Row row = rows.get(id);
      if (row != null && row.status.equals("UNROUTABLE")) {
        row.nextAttemptAt = now;
        due.add(id);
      }
    }
    return due.stream().sorted().toList();
  }
}
