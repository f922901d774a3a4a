package smap.analytics.adapter.web.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

  /** A value as one URL path segment: every reserved character percent-encoded. */
  public static String path(String value) {
    return value == null
        ? ""
        : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A value as a URL query parameter value. */
  public static String query(String value) {
    return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
