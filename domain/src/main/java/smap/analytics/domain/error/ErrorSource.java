package smap.analytics.domain.error;

import java.util.Locale;

/** Who failed an item: the crawler that fetched it, or our own analysis. */
public enum ErrorSource {
  CRAWLER,
  ANALYTICS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
