package smap.analytics.domain.error;

import java.util.Locale;
import java.util.regex.Pattern;
import smap.analytics.domain.storable.ColumnLimits;

/**
 * Value: an item error code as a crawler sent it. Known codes have their category; any other code
 * is kept as sent (so the console shows what crawlers really report) and is {@link
 * ErrorCategory#GENERIC}.
 */
public record ErrorCode(String value) {
  /** Upper bound of the stored column. */
  public static final int MAX_LENGTH = ColumnLimits.ERROR_CODE.limit();

  // Must be initialised before the constants below, which validate against it.
  private static final Pattern SHAPE = Pattern.compile("[A-Z0-9_.:-]{1," + MAX_LENGTH + "}");

  public static final ErrorCode UNKNOWN_ERROR = new ErrorCode("UNKNOWN_ERROR");
  public static final ErrorCode INTERNAL_ERROR = new ErrorCode("INTERNAL_ERROR");

  public ErrorCode {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "value must be 1-" + MAX_LENGTH + " of A-Z 0-9 _ . : -, got '" + value + "'");
    }
  }

  /**
   * Normalises a crawler's code: trimmed and upper-cased; missing or blank is {@link
   * #UNKNOWN_ERROR}; characters outside the code alphabet become {@code _} and the length is
   * capped, so a malformed code is still stored rather than lost.
   */
  public static ErrorCode of(String raw) {
    if (raw == null || raw.isBlank()) {
      return UNKNOWN_ERROR;
    }
    String cleaned = raw.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_.:-]", "_");
    if (cleaned.length() > MAX_LENGTH) {
      cleaned = cleaned.substring(0, MAX_LENGTH);
    }
    return new ErrorCode(cleaned);
  }

  /** The known code, or null for one outside the contract. */
  public KnownErrorCode known() {
    try {
      return KnownErrorCode.valueOf(value);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  /** The category: the known code's, else {@link ErrorCategory#GENERIC}. */
  public ErrorCategory category() {
    KnownErrorCode known = known();
    return known == null ? ErrorCategory.GENERIC : known.category();
  }

  @Override
  public String toString() {
    return value;
  }
}
