package smap.analytics.domain.storable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule: the one boundary where values become storable in PostgreSQL. Text loses what PostgreSQL
 * refuses (U+0000) and what no encoder can write (a lone surrogate becomes U+FFFD), and is cut to
 * its column's limit ({@link ColumnLimits}); JSON trees become what {@code jsonb} accepts. A change
 * is a warning for the batch, never a failure.
 */
public final class Storable {
  /** Nesting kept in a stored JSON tree (crawler {@code error_details}); deeper becomes text. */
  public static final int MAX_JSON_DEPTH = 32;

  /** Warnings kept per batch; the rest are counted in one last warning. */
  public static final int MAX_WARNINGS = 200;

  /** Digits a stored JSON number may have on either side of the point ({@code jsonb} numeric). */
  private static final int MAX_JSON_DIGITS = 1_000;

  private Storable() {}

  /** Text without U+0000 and lone surrogates; null stays null. */
  public static String clean(String value) {
    if (value == null || !needsCleaning(value)) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        out.append(c).append(value.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean needsCleaning(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return true;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Cleaned and cut to {@code column}'s limit (never inside a surrogate pair). */
  public static String text(String value, ColumnLimits column) {
    return cut(clean(value), column.limit());
  }

  /**
   * As {@link #text(String, ColumnLimits)}, adding a warning that names {@code field} when the
   * value had to change.
   */
  public static String text(
      String value, ColumnLimits column, String field, List<String> warnings) {
    String stored = text(value, column);
    if (stored != null && !stored.equals(value)) {
      warnings.add(changeWarning(field, value, stored, column.limit()));
    }
    return stored;
  }

  private static String changeWarning(String field, String raw, String stored, int limit) {
    List<String> what = new ArrayList<>(2);
    if (raw.indexOf('\u0000') >= 0) {
      what.add("U+0000 removed");
    }
    if (!clean(raw).equals(raw) && raw.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
      what.add("unpaired surrogate replaced");
    }
    if (clean(raw).length() > limit) {
      what.add("cut from " + clean(raw).length() + " to " + limit + " characters");
    }
    return field + ": " + String.join(", ", what) + " to store it";
  }

  /**
   * A reason or message bounded to {@code column}: longer text is cut to the limit and ends with a
   * marker giving its length (so the operator sees it was cut).
   */
  public static String reason(String value, ColumnLimits column) {
    return reason(value, column.limit());
  }

  /** As {@link #reason(String, ColumnLimits)} with a limit of {@code limit} characters. */
  public static String reason(String value, int limit) {
    String cleaned = clean(value);
    if (cleaned == null || cleaned.length() <= limit) {
      return cleaned;
    }
    return cut(cleaned, limit) + "… [" + cleaned.length() + " chars]";
  }

  /**
   * A batch's warnings as stored: each a {@link ColumnLimits#WARNING}-bounded reason, at most
   * {@link #MAX_WARNINGS}, then one saying how many more there were.
   */
  public static List<String> warnings(List<String> warnings) {
    List<String> out = new ArrayList<>(Math.min(warnings.size(), MAX_WARNINGS + 1));
    for (int i = 0; i < warnings.size() && i < MAX_WARNINGS; i++) {
      out.add(reason(warnings.get(i), ColumnLimits.WARNING));
    }
    if (warnings.size() > MAX_WARNINGS) {
      out.add((warnings.size() - MAX_WARNINGS) + " more warnings not kept");
    }
    return out;
  }

  /** A value in an {@code integer} column: clamped to its range. */
  public static int integer(long value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  /**
   * A JSON tree of JDK types as {@code jsonb} accepts it: keys and strings cleaned and bounded to
   * {@link ColumnLimits#ERROR_MESSAGE}, non-finite numbers null, numbers {@code numeric} cannot
   * hold as text, and anything deeper than {@link #MAX_JSON_DEPTH} as a short text.
   */
  public static Object json(Object tree) {
    return json(tree, 0);
  }

  /** As {@link #json(Object)} for an object; null stays null. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> jsonObject(Map<String, Object> tree) {
    return tree == null ? null : (Map<String, Object>) json(tree, 0);
  }

  private static Object json(Object node, int depth) {
    return switch (node) {
      case null -> null;
      case Map<?, ?> map when depth >= MAX_JSON_DEPTH -> "{…nested deeper than " + depth + "}";
      case List<?> list when depth >= MAX_JSON_DEPTH -> "[…nested deeper than " + depth + "]";
      case Map<?, ?> map -> {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.put(
              reason(String.valueOf(e.getKey()), ColumnLimits.WARNING),
              json(e.getValue(), depth + 1));
        }
        yield out;
      }
      case List<?> list -> {
        List<Object> out = new ArrayList<>(list.size());
        for (Object o : list) {
          out.add(json(o, depth + 1));
        }
        yield out;
      }
      case String s -> reason(s, ColumnLimits.ERROR_MESSAGE);
      case Double d -> Double.isFinite(d) ? d : null;
      case Float f -> Float.isFinite(f) ? f : null;
      case BigDecimal d ->
          Math.abs((long) d.precision() - d.scale()) > MAX_JSON_DIGITS
                  || Math.abs((long) d.scale()) > MAX_JSON_DIGITS
              ? d.toString()
              : d;
      case BigInteger i -> i.bitLength() > 3_000 ? i.toString() : i;
      case Number n -> n;
      case Boolean b -> b;
      default -> reason(node.toString(), ColumnLimits.ERROR_MESSAGE);
    };
  }

  private static String cut(String value, int limit) {
    if (value == null || value.length() <= limit) {
      return value;
    }
    int end = Math.max(0, limit);
    if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end);
  }
}
