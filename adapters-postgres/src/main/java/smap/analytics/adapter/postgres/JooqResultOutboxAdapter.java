package smap.analytics.adapter.postgres;

import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.when;
import static smap.analytics.adapter.postgres.CachedStatement.param;
import static smap.analytics.adapter.postgres.schema.Tables.RESULT_OUTBOX;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.UnroutableResult;
import smap.analytics.domain.outbox.OutboxStatus;

/**
 * Adapter: the result outbox in PostgreSQL, with the typed jOOQ classes. A claim is one {@code
 * UPDATE ... RETURNING} over the due rows it locks with {@code FOR UPDATE SKIP LOCKED}: they become
 * PUBLISHING under this relay's name with a lease, so relays in several instances never publish the
 * same row at once; a takeover is a compare-and-set on the lease's beat.
 */
public final class JooqResultOutboxAdapter implements ResultOutboxPort {

  /** How long a claimed row is hidden from other relays by default. */
  static final Duration LEASE = Duration.ofSeconds(30);

  // The statuses as literals in the SQL text, never bind values: the outbox's partial indexes name
  // them, and PostgreSQL uses a partial index only when the query's text implies its condition,
  // so the generic plan of a server-prepared statement with a bound status reads the whole outbox.
  private static final Field<String> PENDING = inline(OutboxStatus.PENDING.name());
  private static final Field<String> FAILED = inline(OutboxStatus.FAILED.name());
  private static final Field<String> PUBLISHING = inline(OutboxStatus.PUBLISHING.name());
  private static final Field<String> PUBLISHED = inline(OutboxStatus.PUBLISHED.name());
  private static final Field<String> UNROUTABLE = inline(OutboxStatus.UNROUTABLE.name());

  private static final List<SelectField<?>> MESSAGE =
      List.of(
          RESULT_OUTBOX.ID,
          RESULT_OUTBOX.EVENT_ID,
          RESULT_OUTBOX.MESSAGE_ID,
          RESULT_OUTBOX.RESULT,
          RESULT_OUTBOX.ATTEMPTS,
          RESULT_OUTBOX.UNROUTABLE_RETURNS);

  private final DSLContext dsl;
  private final String relay;
  private final Duration lease;

  /** A relay with a name of its own and the default lease (tests and the console). */
  public JooqResultOutboxAdapter(DSLContext dsl) {
    this(dsl, "relay-" + java.util.UUID.randomUUID(), LEASE);
  }

  /**
   * @param relay this relay's name, unique per process (a restarted process must not inherit the
   *     rows of its previous life)
   * @param lease how long a claim or renewal holds a row
   */
  public JooqResultOutboxAdapter(DSLContext dsl, String relay, Duration lease) {
    this.dsl = dsl;
    this.relay = relay;
    this.lease = lease;
  }

  /**
   * The claim, rendered once: with the relay woken after every stored result it runs many times a
   * second, and jOOQ rendering it each time cost more of the service's CPU than its round trip.
   */
  static final CachedStatement CLAIM =
      new CachedStatement(
          CachedStatement.RENDERER
              .update(RESULT_OUTBOX)
              .set(RESULT_OUTBOX.STATUS, PUBLISHING)
              .set(RESULT_OUTBOX.CLAIMED_BY, param("relay", RESULT_OUTBOX.CLAIMED_BY))
              .set(RESULT_OUTBOX.NEXT_ATTEMPT_AT, param("until", RESULT_OUTBOX.NEXT_ATTEMPT_AT))
              .set(RESULT_OUTBOX.ATTEMPTS, RESULT_OUTBOX.ATTEMPTS.plus(inline(1)))
              .set(RESULT_OUTBOX.LEASE_BEAT, RESULT_OUTBOX.LEASE_BEAT.plus(inline(1L)))
              .where(
                  RESULT_OUTBOX.ID.in(
                      select(RESULT_OUTBOX.ID)
                          .from(RESULT_OUTBOX)
                          .where(RESULT_OUTBOX.STATUS.in(PENDING, FAILED, UNROUTABLE))
                          .and(
                              RESULT_OUTBOX.NEXT_ATTEMPT_AT.le(
                                  param("now", RESULT_OUTBOX.NEXT_ATTEMPT_AT)))
                          .orderBy(RESULT_OUTBOX.ID)
                          .limit(DSL.param("limit", SQLDataType.INTEGER))
                          .forUpdate()
                          .skipLocked()))
              .returningResult(MESSAGE));

  private static final CachedStatement MARK_PUBLISHED =
      new CachedStatement(
          CachedStatement.RENDERER
              .update(RESULT_OUTBOX)
              .set(RESULT_OUTBOX.STATUS, PUBLISHED)
              .set(RESULT_OUTBOX.PUBLISHED_AT, param("at", RESULT_OUTBOX.PUBLISHED_AT))
              .set(RESULT_OUTBOX.LAST_ERROR, castNull(RESULT_OUTBOX.LAST_ERROR))
              .where(RESULT_OUTBOX.ID.eq(param("id", RESULT_OUTBOX.ID))));

  @Override
  public List<OutboxMessage> claimDue(int limit, Instant now) {
    return translated(
        () ->
            CLAIM.query(
                dsl,
                Map.of("relay", relay, "until", now.plus(lease), "now", now, "limit", limit),
                rows -> {
                  List<OutboxMessage> claimed = new ArrayList<>();
                  while (rows.next()) {
                    claimed.add(
                        message(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getInt(5),
                            rows.getInt(6)));
                  }
                  // RETURNING keeps no order: oldest first, as the claim chose them.
                  claimed.sort(Comparator.comparingLong(OutboxMessage::id));
                  return claimed;
                }));
  }

  private static OutboxMessage message(
      long id, String eventId, String messageId, String result, int attempts, int returns) {
    return new OutboxMessage(
        id,
        EventId.of(eventId),
        messageId,
        StoredResult.read(Json.readMap(result)),
        attempts,
        returns);
  }

  private static OutboxMessage message(Record row) {
    return message(
        row.get(RESULT_OUTBOX.ID),
        row.get(RESULT_OUTBOX.EVENT_ID),
        row.get(RESULT_OUTBOX.MESSAGE_ID),
        row.get(RESULT_OUTBOX.RESULT).data(),
        row.get(RESULT_OUTBOX.ATTEMPTS),
        row.get(RESULT_OUTBOX.UNROUTABLE_RETURNS));
  }

  @Override
  public void release(long id, Instant now) {
    update(
        () ->
            dsl.update(RESULT_OUTBOX)
                .set(
                    RESULT_OUTBOX.STATUS,
                    when(RESULT_OUTBOX.UNROUTABLE_RETURNS.gt(0), UNROUTABLE)
                        .when(RESULT_OUTBOX.ATTEMPTS.gt(1), FAILED)
                        .otherwise(PENDING))
                .set(RESULT_OUTBOX.ATTEMPTS, RESULT_OUTBOX.ATTEMPTS.minus(1))
                .set(RESULT_OUTBOX.NEXT_ATTEMPT_AT, now)
                .where(RESULT_OUTBOX.ID.eq(id))
                .and(RESULT_OUTBOX.CLAIMED_BY.eq(relay))
                .and(RESULT_OUTBOX.STATUS.eq(PUBLISHING))
                .execute());
  }

  @Override
  public void renew(Collection<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    update(
        () ->
            dsl.update(RESULT_OUTBOX)
                .set(RESULT_OUTBOX.NEXT_ATTEMPT_AT, now.plus(lease))
                .set(RESULT_OUTBOX.LEASE_BEAT, RESULT_OUTBOX.LEASE_BEAT.plus(1))
                .where(RESULT_OUTBOX.ID.in(ids))
                .and(RESULT_OUTBOX.CLAIMED_BY.eq(relay))
                .and(RESULT_OUTBOX.STATUS.eq(PUBLISHING))
                .execute());
  }

  /** Leases that ran out, rendered once: the relay looks every second. */
  static final CachedStatement EXPIRED_LEASES =
      new CachedStatement(
          CachedStatement.RENDERER
              .select(RESULT_OUTBOX.ID, RESULT_OUTBOX.CLAIMED_BY, RESULT_OUTBOX.LEASE_BEAT)
              .from(RESULT_OUTBOX)
              .where(RESULT_OUTBOX.STATUS.eq(PUBLISHING))
              .and(RESULT_OUTBOX.NEXT_ATTEMPT_AT.le(param("now", RESULT_OUTBOX.NEXT_ATTEMPT_AT)))
              .orderBy(RESULT_OUTBOX.ID)
              .limit(DSL.param("limit", SQLDataType.INTEGER)));

  @Override
  public List<Lease> expiredLeases(int limit, Instant now) {
    return translated(
        () ->
            EXPIRED_LEASES.query(
                dsl,
                Map.of("now", now, "limit", limit),
                rows -> {
                  List<Lease> expired = new ArrayList<>();
                  while (rows.next()) {
                    expired.add(new Lease(rows.getLong(1), rows.getString(2), rows.getLong(3)));
                  }
                  return expired;
                }));
  }

  @Override
  public Optional<OutboxMessage> takeOver(long id, long beat, Instant now) {
    return translated(
        () ->
            dsl.update(RESULT_OUTBOX)
                .set(RESULT_OUTBOX.CLAIMED_BY, relay)
                .set(RESULT_OUTBOX.NEXT_ATTEMPT_AT, now.plus(lease))
                .set(RESULT_OUTBOX.ATTEMPTS, RESULT_OUTBOX.ATTEMPTS.plus(1))
                .set(RESULT_OUTBOX.LEASE_BEAT, RESULT_OUTBOX.LEASE_BEAT.plus(1))
                .where(RESULT_OUTBOX.ID.eq(id))
                .and(RESULT_OUTBOX.STATUS.eq(PUBLISHING))
                .and(RESULT_OUTBOX.LEASE_BEAT.eq(beat))
                .returningResult(MESSAGE)
                .fetchOptional()
                .map(JooqResultOutboxAdapter::message));
  }

  @Override
  public void markPublished(long id, Instant at) {
    update(() -> MARK_PUBLISHED.execute(dsl, Map.of("at", at, "id", id)));
  }

  @Override
  public void markUnroutable(long id, Instant at, Instant retryAt) {
    update(
        () ->
            dsl.update(RESULT_OUTBOX)
                .set(RESULT_OUTBOX.STATUS, UNROUTABLE)
                .set(RESULT_OUTBOX.PUBLISHED_AT, at)
                .set(
                    RESULT_OUTBOX.LAST_ERROR,
                    "returned by the broker: no queue bound for the routing key")
                .set(RESULT_OUTBOX.UNROUTABLE_RETURNS, RESULT_OUTBOX.UNROUTABLE_RETURNS.plus(1))
                .set(RESULT_OUTBOX.NEXT_ATTEMPT_AT, retryAt)
                .where(RESULT_OUTBOX.ID.eq(id))
                .execute());
  }

  @Override
  public void markFailed(long id, String error, Instant retryAt) {
    update(
        () ->
            dsl.update(RESULT_OUTBOX)
                .set(RESULT_OUTBOX.STATUS, FAILED)
                .set(RESULT_OUTBOX.LAST_ERROR, error)
                .set(RESULT_OUTBOX.NEXT_ATTEMPT_AT, retryAt)
                .where(RESULT_OUTBOX.ID.eq(id))
                .execute());
  }

  @Override
  public long backlog() {
    return translated(
        () ->
            (long)
                dsl.fetchCount(
                    RESULT_OUTBOX, RESULT_OUTBOX.STATUS.in(PENDING, FAILED, PUBLISHING)));
  }

  @Override
  public List<UnroutableResult> unroutable(int limit) {
    return translated(
        () ->
            dsl.select(
                    RESULT_OUTBOX.ID,
                    RESULT_OUTBOX.EVENT_ID,
                    RESULT_OUTBOX.MESSAGE_ID,
                    RESULT_OUTBOX.RESULT,
                    RESULT_OUTBOX.UNROUTABLE_RETURNS,
                    RESULT_OUTBOX.CREATED_AT,
                    RESULT_OUTBOX.PUBLISHED_AT,
                    RESULT_OUTBOX.NEXT_ATTEMPT_AT)
                .from(RESULT_OUTBOX)
                .where(RESULT_OUTBOX.STATUS.eq(UNROUTABLE))
                .orderBy(RESULT_OUTBOX.ID)
                .limit(limit)
                .fetch(
                    row -> {
                      Map<String, Object> result = Json.readMap(row.value4().data());
                      return new UnroutableResult(
                          row.value1(),
                          row.value2(),
                          row.value3(),
                          StoredResult.projectId(result),
                          StoredResult.jobId(result),
                          row.value5(),
                          row.value6(),
                          row.value7(),
                          row.value8());
                    }));
  }

  @Override
  public List<Long> resendUnroutable(Collection<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return translated(
        () ->
            dsl
                .update(RESULT_OUTBOX)
                .set(RESULT_OUTBOX.NEXT_ATTEMPT_AT, now)
                .where(RESULT_OUTBOX.ID.in(ids))
                .and(RESULT_OUTBOX.STATUS.eq(UNROUTABLE))
                .returningResult(RESULT_OUTBOX.ID)
                .fetch(RESULT_OUTBOX.ID)
                .stream()
                .sorted()
                .toList());
  }

  /** Results the broker returned as unroutable, for the console's banner. */
  public long unroutable() {
    return translated(
        () -> (long) dsl.fetchCount(RESULT_OUTBOX, RESULT_OUTBOX.STATUS.eq(UNROUTABLE)));
  }

  private static void update(Supplier<Integer> statement) {
    translated(statement);
  }

  private static <T> T translated(Supplier<T> statement) {
    try {
      return statement.get();
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }
}
