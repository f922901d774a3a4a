package smap.analytics.adapter.postgres;

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
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
      for (Record row : dsl.fetch("SELECT flag_key, scope, enabled, percent FROM feature_flags")) {
        FeatureFlag flag;
        try {
          flag = FeatureFlag.fromKey(row.get("flag_key", String.class));
        } catch (IllegalArgumentException retired) {
          continue;
        }
        FlagScope scope = FlagScope.parse(row.get("scope", String.class));
        boolean enabled = row.get("enabled", Boolean.class);
        Integer percent = row.get("percent", Integer.class);
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
    Object value = dsl.fetchValue("SELECT coalesce(max(version), 0) FROM feature_flag_history");
    return ((Number) value).longValue();
  }

  @Override
  public FlagSnapshot change(FlagChange change) {
    try {
      dsl.transaction(
          cfg -> {
            DSLContext tx = DSL.using(cfg);
            long version =
                ((Number) tx.fetchValue("SELECT nextval('feature_flag_version')")).longValue();
            String scope = change.scope().toString();
            java.sql.Timestamp at = JooqBatchLedgerAdapter.ts(change.at());
            if (change.enabled() == null) {
              tx.execute(
                  "DELETE FROM feature_flags WHERE flag_key = ? AND scope = ?",
                  change.flag().key(),
                  scope);
            } else {
              tx.execute(
                  "INSERT INTO feature_flags (flag_key, scope, enabled, percent, updated_by, reason,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (flag_key, scope) DO"
                      + " UPDATE SET enabled = EXCLUDED.enabled, percent = EXCLUDED.percent,"
                      + " updated_by = EXCLUDED.updated_by, reason = EXCLUDED.reason, updated_at ="
                      + " EXCLUDED.updated_at",
                  change.flag().key(),
                  scope,
                  change.enabled(),
                  change.percent(),
                  change.actor(),
                  change.reason(),
                  at);
            }
            tx.execute(
                "INSERT INTO feature_flag_history (flag_key, scope, enabled, percent, actor, reason,"
                    + " changed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                change.flag().key(),
                scope,
                change.enabled(),
                change.percent(),
                change.actor(),
                change.reason(),
                at,
                version);
            tx.execute("SELECT pg_notify(?, ?)", CHANNEL, Long.toString(version));
          });
      return load();
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  private static final String HISTORY =
      "SELECT flag_key, scope, enabled, percent, actor, reason, changed_at, version"
          + " FROM feature_flag_history";

  @Override
  public List<FlagChange> history(int limit) {
    return changes(HISTORY + " ORDER BY version DESC LIMIT ?", limit);
  }

  @Override
  public Optional<FlagChange> find(long version) {
    return changes(HISTORY + " WHERE version = ?", version).stream().findFirst();
  }

  @Override
  public Optional<FlagChange> before(FeatureFlag flag, FlagScope scope, long version) {
    return changes(
            HISTORY
                + " WHERE flag_key = ? AND scope = ? AND version < ? ORDER BY version DESC LIMIT 1",
            flag.key(),
            scope.toString(),
            version)
        .stream()
        .findFirst();
  }

  private List<FlagChange> changes(String sql, Object... binds) {
    try {
      List<FlagChange> changes = new ArrayList<>();
      for (Record row : dsl.fetch(sql, binds)) {
        FeatureFlag flag;
        try {
          flag = FeatureFlag.fromKey(row.get("flag_key", String.class));
        } catch (IllegalArgumentException retired) {
          continue;
        }
        changes.add(
            new FlagChange(
                flag,
                FlagScope.parse(row.get("scope", String.class)),
                row.get("enabled", Boolean.class),
                row.get("percent", Integer.class),
                row.get("actor", String.class),
                row.get("reason", String.class),
                instant(row.get("changed_at")),
                row.get("version", Long.class)));
      }
      return changes;
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
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
    try {
      dsl.execute(
          "INSERT INTO feature_flag_instances (instance_id, applied_version, applied_at, seen_at)"
              + " VALUES (?, ?, ?, ?) ON CONFLICT (instance_id) DO UPDATE SET applied_version ="
              + " EXCLUDED.applied_version, applied_at = CASE WHEN feature_flag_instances.applied_version"
              + " = EXCLUDED.applied_version THEN feature_flag_instances.applied_at ELSE EXCLUDED.applied_at"
              + " END, seen_at = EXCLUDED.seen_at",
          instanceId,
          version,
          JooqBatchLedgerAdapter.ts(at),
          JooqBatchLedgerAdapter.ts(at));
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  @Override
  public List<InstanceState> instances() {
    try {
      List<InstanceState> states = new ArrayList<>();
      for (Record row :
          dsl.fetch(
              "SELECT instance_id, applied_version, applied_at, seen_at FROM feature_flag_instances"
                  + " ORDER BY seen_at DESC")) {
        states.add(
            new InstanceState(
                row.get("instance_id", String.class),
                row.get("applied_version", Long.class),
                instant(row.get("applied_at")),
                instant(row.get("seen_at"))));
      }
      return states;
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  private static Instant instant(Object value) {
    return JooqBatchLedgerAdapter.instant(value);
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
          try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
          }
          if (lastVersion < 0) {
            lastVersion = version(DSL.using(connection));
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
              long version = version(DSL.using(connection));
              changed = lastVersion >= 0 && version != lastVersion;
              lastVersion = version;
            }
            if (changed) {
              lastVersion = version(DSL.using(connection));
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
