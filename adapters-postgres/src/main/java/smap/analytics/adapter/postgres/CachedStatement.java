package smap.analytics.adapter.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A typed jOOQ statement rendered once, executed with values for its named parameters. On the write
 * path, jOOQ rendering the same statement for every batch cost more service CPU than the database
 * round trip it stood for; the same SQL text each time also lets the driver keep the statement
 * prepared on the server. Every bind value must be a named {@link DSL#param} used once.
 */
final class CachedStatement {

  static final DSLContext RENDERER =
      DSL.using(SQLDialect.POSTGRES, new Settings().withParamType(ParamType.INDEXED));

  /** Reads a statement's result set. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private final String sql;
  private final List<String> names;

  CachedStatement(Query query) {
    this.sql = RENDERER.render(query);
    this.names =
        RENDERER.extractParams(query).entrySet().stream()
            .filter(e -> !e.getValue().isInline())
            .map(Map.Entry::getKey)
            .toList();
    long marks = sql.chars().filter(c -> c == '?').count();
    if (marks != names.size()) {
      throw new IllegalStateException(
          "each bind value must be a named parameter used once: " + names + " in " + sql);
    }
  }

  /** The rendered SQL, with {@code ?} for each named parameter in order. */
  String sql() {
    return sql;
  }

  /** Executes the statement; returns the rows it changed. */
  int execute(DSLContext tx, Map<String, ?> values) {
    return tx.connectionResult(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            BatchDeadlineListener.bound(statement);
            bind(statement, values);
            return statement.executeUpdate();
          }
        });
  }

  /** Executes the statement and reads its rows. */
  <T> T query(DSLContext tx, Map<String, ?> values, Reader<T> reader) {
    return tx.connectionResult(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            BatchDeadlineListener.bound(statement);
            bind(statement, values);
            try (ResultSet rows = statement.executeQuery()) {
              return reader.read(rows);
            }
          }
        });
  }

  private void bind(PreparedStatement statement, Map<String, ?> values) throws SQLException {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("no value for " + name);
      }
      set(statement, i + 1, values.get(name));
    }
  }

  /** One bind value, as jOOQ would bind it for the column's type. */
  static void set(PreparedStatement statement, int index, Object value) throws SQLException {
    switch (value) {
      case null -> statement.setNull(index, Types.OTHER);
      case Instant instant ->
          statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      case JSONB json -> statement.setString(index, json.data());
      case byte[] bytes -> statement.setBytes(index, bytes);
      default -> statement.setObject(index, value);
    }
  }

  static <T> Param<T> param(String name, org.jooq.Field<T> typeOf) {
    return DSL.param(name, typeOf);
  }
}
