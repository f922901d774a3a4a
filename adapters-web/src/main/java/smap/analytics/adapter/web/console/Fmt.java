package smap.analytics.adapter.web.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting helpers of the templates. */
public final class Fmt {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Fmt() {}

  /** A UTC time to the second, or a dash. */
  public static String time(Instant instant) {
    return instant == null ? "–" : TIME.format(instant);
  }
}
