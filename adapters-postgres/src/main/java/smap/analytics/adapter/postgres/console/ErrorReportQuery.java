package smap.analytics.adapter.postgres.console;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;
import static smap.analytics.adapter.postgres.schema.Tables.CRAWL_ERRORS;
import static smap.analytics.application.port.out.console.ConsoleQueryPort.MAX_ERROR_GROUPS;
import static smap.analytics.application.port.out.console.ConsoleQueryPort.OTHER_CODES;
import static smap.analytics.application.port.out.console.ConsoleQueryPort.OTHER_PLATFORMS;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record10;
import org.jooq.Records;
import org.jooq.SelectField;
import org.jooq.SelectJoinStep;
import org.jooq.impl.SQLDataType;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;
import smap.analytics.domain.console.SeriesPoint;

/** The console's error report: groups, the time series and the drill-down into one code. */
final class ErrorReportQuery {

  // The columns of the group query's steps, by name.
  private static final Field<String> CODE = field(name("error_code"), String.class);
  private static final Field<String> CATEGORY = field(name("error_category"), String.class);
  private static final Field<Boolean> TRANSIENT = field(name("transient"), Boolean.class);
  private static final Field<String> PLATFORM = field(name("platform"), String.class);
  private static final Field<String> SOURCE = field(name("source"), String.class);
  private static final Field<Long> N = field(name("n"), Long.class);
  private static final Field<Instant> FIRST_SEEN = field(name("first_seen"), Instant.class);
  private static final Field<Instant> LAST_SEEN = field(name("last_seen"), Instant.class);
  private static final Field<Long> RANK = field(name("rn"), Long.class);
  private static final List<SelectField<?>> GROUP =
      List.of(CODE, CATEGORY, TRANSIENT, PLATFORM, SOURCE, N, FIRST_SEEN, LAST_SEEN);

  private final DSLContext dsl;

  ErrorReportQuery(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** See {@link smap.analytics.application.port.out.console.ConsoleQueryPort#errorGroups}. */
  List<ErrorGroup> groups(Instant from, Instant to, String source) {
    var c = CRAWL_ERRORS;
    CommonTableExpression<?> w =
        name("w")
            .as(
                select(
                        c.ERROR_CODE,
                        c.ERROR_CATEGORY,
                        c.TRANSIENT,
                        c.PLATFORM,
                        c.SOURCE,
                        count().coerce(Long.class).as(N),
                        min(c.CREATED_AT).as(FIRST_SEEN),
                        max(c.CREATED_AT).as(LAST_SEEN))
                    .from(c)
                    .where(inWindow(from, to, source))
                    .groupBy(c.ERROR_CODE, c.ERROR_CATEGORY, c.TRANSIENT, c.PLATFORM, c.SOURCE));
    CommonTableExpression<?> ranked =
        name("r")
            .as(
                select(
                        w.asterisk(),
                        rowNumber().over().orderBy(N.desc(), CODE, PLATFORM, SOURCE).as(RANK))
                    .from(w));
    CommonTableExpression<?> top =
        name("top").as(select(GROUP).from(ranked).where(RANK.le((long) MAX_ERROR_GROUPS)));
    CommonTableExpression<?> rest =
        name("rest")
            .as(
                select(
                        val(OTHER_CODES).as(CODE),
                        CATEGORY,
                        TRANSIENT,
                        val(OTHER_PLATFORMS).as(PLATFORM),
                        SOURCE,
                        sum(N).cast(SQLDataType.BIGINT).as(N),
                        min(FIRST_SEEN).as(FIRST_SEEN),
                        max(LAST_SEEN).as(LAST_SEEN))
                    .from(ranked)
                    .where(RANK.gt((long) MAX_ERROR_GROUPS))
                    .groupBy(CATEGORY, TRANSIENT, SOURCE));
    Map<String, Boolean> seenBefore = new HashMap<>();
    return dsl.with(w, ranked, top, rest)
        .select(GROUP)
        .from(top)
        .unionAll(select(GROUP).from(rest))
        .orderBy(N.desc(), CODE)
        .fetch(
            r -> {
              String code = r.get(CODE);
              boolean folded = OTHER_CODES.equals(code) && OTHER_PLATFORMS.equals(r.get(PLATFORM));
              boolean isNew =
                  !folded && !seenBefore.computeIfAbsent(code, k -> seenBefore(k, from));
              return new ErrorGroup(
                  code,
                  r.get(CATEGORY),
                  r.get(TRANSIENT),
                  r.get(PLATFORM),
                  r.get(SOURCE),
                  r.get(N),
                  r.get(FIRST_SEEN),
                  r.get(LAST_SEEN),
                  isNew);
            });
  }

  /**
   * Whether {@code code} has a row before {@code from}: one probe of the (error_code, created_at)
   * index per code. (A correlated NOT EXISTS in the group query was planned as a scan of the whole
   * table per code, 90 ms each for a code not seen before on 300 000 rows, because the planner
   * cannot see the code's value there; with the value it reads one index entry.)
   */
  private boolean seenBefore(String code, Instant from) {
    Instant first =
        dsl.select(CRAWL_ERRORS.CREATED_AT)
            .from(CRAWL_ERRORS)
            // An escaped literal, not a bind value: a generic plan of a prepared statement would
            // not see the value either.
            .where(CRAWL_ERRORS.ERROR_CODE.eq(inline(code)))
            .orderBy(CRAWL_ERRORS.CREATED_AT)
            .limit(inline(1))
            .fetchOne(CRAWL_ERRORS.CREATED_AT);
    return first != null && first.isBefore(from);
  }

  /** See {@link smap.analytics.application.port.out.console.ConsoleQueryPort#errorSeries}. */
  List<SeriesPoint> series(Instant from, Instant to, long bucketSeconds, String source) {
    var c = CRAWL_ERRORS;
    // date_bin and make_interval's named argument have no jOOQ function: a template of typed
    // arguments; the width is a bind value as before.
    Field<Instant> bucket =
        function(
                "date_bin",
                SQLDataType.INSTANT,
                field("make_interval(secs => {0})", Object.class, val((double) bucketSeconds)),
                c.CREATED_AT,
                inline(Instant.EPOCH))
            .as("bucket");
    return dsl.select(bucket, c.ERROR_CATEGORY, count().coerce(Long.class).as(N))
        .from(c)
        .where(inWindow(from, to, source))
        // By position: the bucket expression holds a bind value, which the server would not
        // match with a second copy of it in GROUP BY.
        .groupBy(inline(1), inline(2))
        .fetch(r -> new SeriesPoint(r.value1(), r.value2(), r.value3()));
  }

  /** See {@link smap.analytics.application.port.out.console.ConsoleQueryPort#errors}. */
  List<ErrorRow> rows(String code, Instant from, Instant to, int limit) {
    return errorRows(dsl)
        .where(CRAWL_ERRORS.ERROR_CODE.eq(code))
        .and(CRAWL_ERRORS.CREATED_AT.ge(from))
        .and(CRAWL_ERRORS.CREATED_AT.lt(to))
        .orderBy(CRAWL_ERRORS.CREATED_AT.desc(), CRAWL_ERRORS.ID.desc())
        .limit(limit)
        .fetch(Records.mapping(ErrorRow::new));
  }

  /** The error-row columns the console shows (not the details JSON), in the order of ErrorRow. */
  static SelectJoinStep<
          Record10<
              String, String, String, String, String, Boolean, String, String, String, Instant>>
      errorRows(DSLContext dsl) {
    var c = CRAWL_ERRORS;
    return dsl.select(
            c.EVENT_ID,
            c.CONTENT_ID,
            c.PLATFORM,
            c.ERROR_CODE,
            c.ERROR_CATEGORY,
            c.TRANSIENT,
            c.SOURCE,
            c.ERROR_MESSAGE,
            c.PERMALINK,
            c.CREATED_AT)
        .from(c);
  }

  /** Error rows created in [from, to), of one source unless {@code source} is null. */
  private static Condition inWindow(Instant from, Instant to, String source) {
    return CRAWL_ERRORS
        .CREATED_AT
        .ge(from)
        .and(CRAWL_ERRORS.CREATED_AT.lt(to))
        .and(source == null ? noCondition() : CRAWL_ERRORS.SOURCE.eq(source));
  }
}
