package smap.analytics.adapter.web.console;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;

/**
 * The limits every console request stays within, so no single request can hold a connection long or
 * fill the heap: anything beyond them is a 400 that says which limit.
 */
final class Bounds {

  /** Longest error window (custom or named). */
  static final Duration MAX_WINDOW = Duration.ofDays(90);

  /** Largest page of the batch list API ({@code limit}). */
  static final int MAX_BATCH_PAGE = 200;

  /** Largest page of the audit log page and API ({@code limit}). */
  static final int MAX_AUDIT_PAGE = 1000;

  /** Rows of an audit CSV export at most. */
  static final int MAX_CSV_ROWS = 10_000;

  private Bounds() {}

  /** The whole-number parameter {@code name} within 1..max, or {@code fallback} when absent. */
  static int limit(Context ctx, String name, int fallback, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value >= 1 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // the message below says what is allowed
    }
    throw new BadRequestResponse(
        name + " must be a whole number from 1 to " + max + ", got '" + shorten(raw) + "'");
  }

  /** A window that starts before it ends and spans at most {@link #MAX_WINDOW}. */
  static void window(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new BadRequestResponse("from must be before to");
    }
    if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
      throw new BadRequestResponse(
          "the window is longer than " + MAX_WINDOW.toDays() + " days; choose a shorter one");
    }
  }

  /** At most 40 characters of a value, for messages. */
  static String shorten(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
