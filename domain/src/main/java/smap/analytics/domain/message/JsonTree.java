package smap.analytics.domain.message;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JSON trees made of JDK types ({@link Map}, {@link List}, {@link String}, {@link Number},
 * {@link Boolean}, null), which any JSON library produces; keeps the domain free of one.
 *
 * <p>Every accessor is lenient the way real crawler output needs: numbers may come as strings, ids
 * as numbers (converted losslessly), and a value of the wrong type reads as absent.
 */
public final class JsonTree {
  /** Characters of a number sent as text that are read; a longer text is not a number. */
  public static final int MAX_NUMBER_TEXT = 64;

  private JsonTree() {}

  /** The node as a JSON object, or null when it is not one. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object node) {
    return node instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
  }

  /** The node as a JSON array, or null when it is not one. */
  @SuppressWarnings("unchecked")
  public static List<Object> array(Object node) {
    return node instanceof List<?> list ? (List<Object>) list : null;
  }

  /** The value at {@code path} below {@code node}, or null when any step is missing. */
  public static Object at(Object node, String... path) {
    Object current = node;
    for (String step : path) {
      Map<String, Object> map = object(current);
      if (map == null) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }

  /** The first of {@code paths} (dot-separated) that holds a non-null value. */
  public static Object first(Object node, String... paths) {
    for (String path : paths) {
      Object value = at(node, path.split("\\."));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /**
   * A string, a number written without loss (19-digit ids stay exact) or a boolean as text; null
   * for anything else. Blank strings and the export artefacts "NULL"/"null" read as null.
   */
  public static String text(Object node) {
    String text =
        switch (node) {
          case String s -> s;
          // a plain form of 1e999999999 would be a billion characters
          case BigDecimal d -> Math.abs(d.scale()) > 100 ? d.toString() : d.toPlainString();
          case BigInteger i -> i.toString();
          case Long l -> l.toString();
          case Integer i -> i.toString();
          case Short s -> s.toString();
          case Double d when d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 ->
              Long.toString(d.longValue());
          case Number n -> n.toString();
          case Boolean b -> b.toString();
          case null, default -> null;
        };
    if (text == null || text.isBlank() || text.equals("NULL") || text.equals("null")) {
      return null;
    }
    return text;
  }

  /** A whole number from a number or a numeric string; null when absent or not numeric. */
  public static Long wholeNumber(Object node) {
    try {
      return switch (node) {
        case Integer i -> i.longValue();
        case Long l -> l;
        case Short s -> s.longValue();
        case BigInteger i -> i.bitLength() < 64 ? i.longValue() : null;
        case BigDecimal d -> whole(d);
        case Number n when Double.isFinite(n.doubleValue()) -> (long) n.doubleValue();
        // the length first: new BigDecimal(String) of a million digits pins a thread
        case String s when !s.isBlank() && s.length() <= MAX_NUMBER_TEXT ->
            whole(new BigDecimal(s.strip().replace("_", "")));
        case null, default -> null;
      };
    } catch (NumberFormatException | ArithmeticException notAWholeNumber) {
      return null;
    }
  }

  /**
   * The whole part of a decimal, or null when it does not fit a long. The digit count is checked
   * first, so an exponent like {@code 1e999999999} is never expanded.
   */
  private static Long whole(BigDecimal d) {
    int integerDigits = d.precision() - d.scale();
    if (d.signum() == 0 || integerDigits <= 0) {
      return 0L;
    }
    if (integerDigits > 19) {
      return null;
    }
    return d.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
  }

  /** A count: a whole number clamped to zero or more; 0 when absent or not numeric. */
  public static long count(Object node) {
    Long value = wholeNumber(node);
    return value == null ? 0L : Math.max(0L, value);
  }

  /** A boolean from true/false, "true"/"True"/"1"/"yes", or a number; null when absent. */
  public static Boolean bool(Object node) {
    return switch (node) {
      case Boolean b -> b;
      case Number n -> n.doubleValue() != 0;
      case String s ->
          switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y" -> Boolean.TRUE;
            case "false", "0", "no", "n" -> Boolean.FALSE;
            default -> null;
          };
      case null, default -> null;
    };
  }

  /**
   * An instant from ISO-8601 text with a zone ({@code Z} or an offset), or without one (taken as
   * UTC, as the original stored UTC), or a {@code "yyyy-MM-dd HH:mm:ss"} timestamp; epoch seconds
   * or milliseconds from a number. Null when absent, unparsable, or outside the years 1 to 9999 (a
   * database column could not hold it, and one such item must not fail its batch).
   */
  public static Instant instant(Object node) {
    Instant instant = parseInstant(node);
    return instant == null || instant.isBefore(EARLIEST) || instant.isAfter(LATEST)
        ? null
        : instant;
  }

  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private static Instant parseInstant(Object node) {
    if (node instanceof Number) {
      Long value = wholeNumber(node);
      if (value == null) {
        return null;
      }
      try {
        return Math.abs(value) > 100_000_000_000L
            ? Instant.ofEpochMilli(value)
            : Instant.ofEpochSecond(value);
      } catch (java.time.DateTimeException outOfRange) {
        return null;
      }
    }
    String text = text(node);
    if (text == null) {
      return null;
    }
    String s = text.strip();
    Instant fast = IsoInstants.parse(s);
    return fast != null ? fast : parseSlowly(s);
  }

  /** What {@link IsoInstants} does not take: every form {@code java.time} reads, or null. */
  static Instant parseSlowly(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException notOffset) {
      // fall through to the zone-less forms
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException notInstant) {
      // fall through
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException unparsable) {
      return null;
    }
  }
}
