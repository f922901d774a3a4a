package smap.analytics.adapter.postgres;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;
import static smap.analytics.adapter.postgres.schema.Sequences.FEATURE_FLAG_VERSION;
import static smap.analytics.adapter.postgres.schema.Tables.FEATURE_FLAGS;
import static smap.analytics.adapter.postgres.schema.Tables.FEATURE_FLAG_HISTORY;
import static smap.analytics.adapter.postgres.schema.Tables.FEATURE_FLAG_INSTANCES;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.adapter.postgres.schema.tables.records.FeatureFlagHistoryRecord;
import smap.analytics.adapter.postgres.schema.tables.records.FeatureFlagsRecord;
import smap.analytics.application.port.out.FeatureFlagPort;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagChange;
import smap.analytics.domain.flag.FlagScope;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.flag.InstanceState;

/**
 * Adapter: feature flags in PostgreSQL. A change is one transaction (value, history row, new
 * version) followed by {@code NOTIFY smap_flags}; every instance LISTENs on a dedicated connection
 * and also polls the version every few seconds, so a change arrives within about a second even
 * after a reconnect.
 */
public final class JooqFeatureFlagAdapter implements FeatureFlagPort {

  private static final Logger LOG = LoggerFactory.getLogger(JooqFeatureFlagAdapter.class);
  static final String CHANNEL = "smap_flags";
  private static final long POLL_MILLIS = 3_000;

  /** How long {@link #subscribe} waits for its LISTEN to be registered. */
  private static final int LISTEN_WAIT_SECONDS = 5;

  private final DSLContext dsl;
  private final DataSource dataSource;

  public JooqFeatureFlagAdapter(DSLContext dsl, DataSource dataSource) {
    this.dsl = dsl;
    this.dataSource = dataSource;
  }

  @Override
  public FlagSnapshot load() {
    try {
      Map<FeatureFlag, Boolean> global = new EnumMap<>(FeatureFlag.class);
      Map<FlagScope, Map<FeatureFlag, Boolean>> overrides = new HashMap<>();
      Map<FlagScope, Map<FeatureFlag, Integer>> rollouts = new HashMap<>();
      for (FeatureFlagsRecord row : dsl.selectFrom(FEATURE_FLAGS).fetch()) {
        FeatureFlag flag = flag(row.getFlagKey());
        if (flag == null) {
          continue;
        }
        FlagScope scope = FlagScope.parse(row.getScope());
        boolean enabled = row.getEnabled();
        Integer percent = percent(row.getPercent());
        if (enabled && percent != null) {
          rollouts.computeIfAbsent(scope, s -> new EnumMap<>(FeatureFlag.class)).put(flag, percent);
        }
        if (scope.global()) {
          global.put(flag, enabled);
        } else {
          overrides
              .computeIfAbsent(scope, s -> new EnumMap<>(FeatureFlag.class))
              .put(flag, enabled);
        }
      }
      return new FlagSnapshot(global, overrides, rollouts, version(dsl));
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  private static long version(DSLContext dsl) {
    return dsl.select(coalesce(max(FEATURE_FLAG_HISTORY.VERSION), inline(0L)))
        .from(FEATURE_FLAG_HISTORY)
        .fetchSingle()
        .value1();
  }

  @Override
  public FlagSnapshot change(FlagChange change) {
    try {
      dsl.transaction(
          cfg -> {
            DSLContext tx = DSL.using(cfg);
            long version = tx.nextval(FEATURE_FLAG_VERSION);
            String key = change.flag().key();
            String scope = change.scope().toString();
            Short percent = change.percent() == null ? null : change.percent().shortValue();
            if (change.enabled() == null) {
              tx.deleteFrom(FEATURE_FLAGS)
                  .where(FEATURE_FLAGS.FLAG_KEY.eq(key))
                  .and(FEATURE_FLAGS.SCOPE.eq(scope))
                  .execute();
            } else {
              tx.insertInto(FEATURE_FLAGS)
                  .set(FEATURE_FLAGS.FLAG_KEY, key)
                  .set(FEATURE_FLAGS.SCOPE, scope)
                  .set(FEATURE_FLAGS.ENABLED, change.enabled())
                  .set(FEATURE_FLAGS.PERCENT, percent)
                  .set(FEATURE_FLAGS.UPDATED_BY, change.actor())
                  .set(FEATURE_FLAGS.REASON, change.reason())
                  .set(FEATURE_FLAGS.UPDATED_AT, change.at())
                  .onConflict(FEATURE_FLAGS.FLAG_KEY, FEATURE_FLAGS.SCOPE)
                  .doUpdate()
                  .setNonConflictingKeyToExcluded()
                  .execute();
            }
            tx.insertInto(FEATURE_FLAG_HISTORY)
                .set(FEATURE_FLAG_HISTORY.FLAG_KEY, key)
                .set(FEATURE_FLAG_HISTORY.SCOPE, scope)
                .set(FEATURE_FLAG_HISTORY.ENABLED, change.enabled())
                .set(FEATURE_FLAG_HISTORY.PERCENT, percent)
                .set(FEATURE_FLAG_HISTORY.ACTOR, change.actor())
                .set(FEATURE_FLAG_HISTORY.REASON, change.reason())
                .set(FEATURE_FLAG_HISTORY.CHANGED_AT, change.at())
                .set(FEATURE_FLAG_HISTORY.VERSION, version)
                .execute();
            tx.select(
                    function("pg_notify", Object.class, val(CHANNEL), val(Long.toString(version))))
                .execute();
          });
      return load();
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  @Override
  public List<FlagChange> history(int limit) {
    return changes(noCondition(), limit);
  }

  @Override
  public Optional<FlagChange> find(long version) {
    return changes(FEATURE_FLAG_HISTORY.VERSION.eq(version), null).stream().findFirst();
  }

  @Override
  public Optional<FlagChange> before(FeatureFlag flag, FlagScope scope, long version) {
    return changes(
            FEATURE_FLAG_HISTORY
                .FLAG_KEY
                .eq(flag.key())
                .and(FEATURE_FLAG_HISTORY.SCOPE.eq(scope.toString()))
                .and(FEATURE_FLAG_HISTORY.VERSION.lt(version)),
            1)
        .stream()
        .findFirst();
  }

  /** History rows matching {@code where}, newest first, at most {@code limit} (null: all). */
  private List<FlagChange> changes(Condition where, Integer limit) {
    try {
      var query = dsl.selectFrom(FEATURE_FLAG_HISTORY).where(where);
      List<FeatureFlagHistoryRecord> rows =
          limit == null
              ? query.fetch()
              : query.orderBy(FEATURE_FLAG_HISTORY.VERSION.desc()).limit(limit).fetch();
      List<FlagChange> changes = new ArrayList<>();
      for (FeatureFlagHistoryRecord row : rows) {
        FeatureFlag flag = flag(row.getFlagKey());
        if (flag == null) {
          continue;
        }
        changes.add(
            new FlagChange(
                flag,
                FlagScope.parse(row.getScope()),
                row.getEnabled(),
                percent(row.getPercent()),
                row.getActor(),
                row.getReason(),
                row.getChangedAt(),
                row.getVersion()));
      }
      return changes;
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  /** The flag of a stored key, or null for a key this version no longer knows (retired). */
  private static FeatureFlag flag(String key) {
    try {
      return FeatureFlag.fromKey(key);
    } catch (IllegalArgumentException retired) {
      return null;
    }
  }

  private static Integer percent(Short stored) {
    return stored == null ? null : stored.intValue();
  }

  @Override
  public AutoCloseable subscribe(Runnable listener) {
    Listener thread = new Listener(listener);
    thread.start();
    try {
      // A change committed after this returns must be heard: wait until LISTEN is registered (the
      // thread keeps trying if the database cannot be reached meanwhile).
      thread.listening.await(LISTEN_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return thread::shutdown;
  }

  @Override
  public void applied(String instanceId, long version, Instant at) {
    var i = FEATURE_FLAG_INSTANCES;
    try {
      dsl.insertInto(i)
          .set(i.INSTANCE_ID, instanceId)
          .set(i.APPLIED_VERSION, version)
          .set(i.APPLIED_AT, at)
          .set(i.SEEN_AT, at)
          .onConflict(i.INSTANCE_ID)
          .doUpdate()
          .set(i.APPLIED_VERSION, excluded(i.APPLIED_VERSION))
          // The time a version was first applied stays while the instance reports it again.
          .set(
              i.APPLIED_AT,
              when(i.APPLIED_VERSION.eq(excluded(i.APPLIED_VERSION)), i.APPLIED_AT)
                  .else_(excluded(i.APPLIED_AT)))
          .set(i.SEEN_AT, excluded(i.SEEN_AT))
          .execute();
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  @Override
  public List<InstanceState> instances() {
    try {
      return dsl.selectFrom(FEATURE_FLAG_INSTANCES)
          .orderBy(FEATURE_FLAG_INSTANCES.SEEN_AT.desc())
          .fetch(
              r ->
                  new InstanceState(
                      r.getInstanceId(), r.getAppliedVersion(), r.getAppliedAt(), r.getSeenAt()));
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  /** LISTENs for changes and polls the version as a fallback; reconnects after failures. */
  private final class Listener extends Thread {
    private final Runnable listener;
    private volatile boolean running = true;
    private long lastVersion = -1;
    private final java.util.concurrent.CountDownLatch listening =
        new java.util.concurrent.CountDownLatch(1);

    Listener(Runnable listener) {
      super("flag-listener");
      setDaemon(true);
      this.listener = listener;
    }

    void shutdown() {
      running = false;
      interrupt();
    }

    @Override
    public void run() {
      while (running) {
        try (Connection connection = dataSource.getConnection()) {
          connection.setAutoCommit(true);
          // LISTEN stays raw JDBC: jOOQ has no LISTEN statement, and the notifications arrive
          // only on this one connection, read through the driver's PGConnection below, so the
          // connection is held for the listener's life instead of going back to a pool.
          try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
          }
          DSLContext own = DSL.using(connection, dsl.dialect());
          if (lastVersion < 0) {
            lastVersion = version(own);
          }
          listening.countDown();
          PGConnection pg = connection.unwrap(PGConnection.class);
          long lastPoll = 0;
          while (running) {
            PGNotification[] notifications = pg.getNotifications(500);
            boolean changed = notifications != null && notifications.length > 0;
            long now = System.currentTimeMillis();
            if (!changed && now - lastPoll >= POLL_MILLIS) {
              lastPoll = now;
              long version = version(own);
              changed = lastVersion >= 0 && version != lastVersion;
              lastVersion = version;
            }
            if (changed) {
              lastVersion = version(own);
              listener.run();
            }
          }
        } catch (SQLException | RuntimeException e) {
          if (!running) {
            return;
          }
          LOG.warn("flag listener lost its connection ({}); reconnecting", e.toString());
          try {
            Thread.sleep(1_000);
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }
  }
}
