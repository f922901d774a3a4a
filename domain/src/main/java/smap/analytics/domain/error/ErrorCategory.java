package smap.analytics.domain.error;

/** The seven categories crawl errors are grouped in; {@link #label} is the stored string. */
public enum ErrorCategory {
  RATE_LIMITING("rate_limiting"),
  CONTENT("content"),
  NETWORK("network"),
  PARSING("parsing"),
  MEDIA("media"),
  STORAGE("storage"),
  GENERIC("generic");

  private final String label;

  ErrorCategory(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The category with this stored label. */
  public static ErrorCategory fromLabel(String label) {
    for (ErrorCategory category : values()) {
      if (category.label.equals(label)) {
        return category;
      }
    }
    throw new IllegalArgumentException("unknown error category '" + label + "'");
  }
}
