package smap.analytics.domain.message;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * A fast path for the timestamps crawlers send: {@code yyyy-MM-ddTHH:mm:ss[.fraction]} followed by
 * {@code Z} or {@code ±HH:MM} (an instant), or by nothing, with {@code T} or a space (UTC). Parsing
 * them with {@code java.time}'s formatters cost a few microseconds each, several times an item. Any
 * other shape, and any value out of range, gives null, and the caller parses it the slow way, so
 * the result is always the one {@code java.time} gives ({@code JsonTreeTest} compares the two on
 * thousands of generated texts).
 */
final class IsoInstants {

  private IsoInstants() {}

  /** The instant {@code s} stands for, or null when it is not one of the shapes above. */
  static Instant parse(String s) {
    int n = s.length();
    if (n < 19
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    char separator = s.charAt(10);
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        i++;
      }
      int length = i - start;
      if (length == 0 || (i < n && isDigit(s.charAt(i)))) {
        return null;
      }
      for (int k = length; k < 9; k++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n) {
      if (separator != 'T' && separator != ' ') {
        return null;
      }
      offset = ZoneOffset.UTC;
    } else if (separator != 'T') {
      return null;
    } else if (i + 1 == n && s.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (i + 6 == n && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int hours = digits(s, i + 1, i + 3);
      int minutes = digits(s, i + 4, i + 6);
      if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
        return null;
      }
      int sign = s.charAt(i) == '-' ? -1 : 1;
      try {
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      } catch (DateTimeException outOfRange) {
        return null;
      }
    } else {
      return null;
    }
    try {
      return LocalDate.of(year, month, day)
          .atTime(LocalTime.of(hour, minute, second, nanos))
          .toInstant(offset);
    } catch (DateTimeException invalid) {
      return null;
    }
  }

  /** The decimal number {@code s[from, to)}, or -1 when a character is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
