package smap.analytics.domain.batch;

import java.util.Locale;

/** The social platforms posts come from; a bounded set so it can label metrics. */
public enum Platform {
  TIKTOK,
  YOUTUBE,
  FACEBOOK,
  INSTAGRAM,
  UNKNOWN;

  /** Case-insensitive; null, blank or unrecognised values are {@link #UNKNOWN}. */
  public static Platform from(String raw) {
    if (raw == null || raw.isBlank()) {
      return UNKNOWN;
    }
    try {
      return valueOf(raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unrecognised) {
      return UNKNOWN;
    }
  }

  /** Lower-case name, as crawlers and the {@code pipeline_version} column spell it. */
  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
