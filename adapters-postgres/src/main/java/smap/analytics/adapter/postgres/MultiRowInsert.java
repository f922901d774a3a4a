package smap.analytics.adapter.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * A multi-row INSERT of typed rows that renders its SQL once per row count and binds the rows'
 * values straight into a JDBC prepared statement. The statement is the typed jOOQ query (table,
 * columns and conflict clause from the generated classes); only the per-batch work is skipped:
 * building and rendering a query of a few thousand bind values for every batch cost more service
 * CPU than the plain-SQL batch it replaced. The same SQL text for a row count lets the driver keep
 * it prepared on the server.
 *
 * @param <R> the table's record
 */
final class MultiRowInsert<R extends TableRecord<R>> {

  /** Rows per statement: bounds the SQL texts kept and stays far below 32767 bind values. */
  static final int MAX_ROWS = 100;

  private static final DSLContext RENDERER = CachedStatement.RENDERER;

  private final List<TableField<R, ?>> columns;
  private final Function<InsertOnDuplicateStep<R>, Query> conflict;
  private final Table<R> table;
  private final Map<Integer, String> sqlByRows = new ConcurrentHashMap<>();

  /**
   * @param columns the columns every row sets, in the order their values are bound
   * @param conflict the statement's end after its VALUES (its ON CONFLICT clause)
   */
  MultiRowInsert(
      Table<R> table,
      List<TableField<R, ?>> columns,
      Function<InsertOnDuplicateStep<R>, Query> conflict) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.conflict = conflict;
  }

  /** Inserts {@code rows} in statements of at most {@link #MAX_ROWS} rows. */
  void execute(DSLContext tx, List<R> rows) {
    for (int from = 0; from < rows.size(); from += MAX_ROWS) {
      List<R> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_ROWS));
      String sql = sqlByRows.computeIfAbsent(chunk.size(), this::render);
      tx.connection(
          connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
              BatchDeadlineListener.bound(statement);
              bind(statement, chunk);
              statement.executeUpdate();
            }
          });
    }
  }

  private void bind(PreparedStatement statement, List<R> rows) throws SQLException {
    int index = 1;
    for (R row : rows) {
      for (TableField<R, ?> column : columns) {
        CachedStatement.set(statement, index++, row.get(column));
      }
    }
  }

  private String render(int rows) {
    InsertValuesStepN<R> insert = RENDERER.insertInto(table).columns(columns);
    Object[] placeholders = new Object[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      placeholders[i] = DSL.val(null, columns.get(i));
    }
    for (int i = 0; i < rows; i++) {
      insert = insert.values(placeholders);
    }
    return RENDERER.render(conflict.apply(insert));
  }
}
