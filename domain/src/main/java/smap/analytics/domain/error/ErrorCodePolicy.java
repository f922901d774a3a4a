package smap.analytics.domain.error;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Policy: which error codes are transient (the crawler may succeed on a later try) and which are
 * permanent. Settings {@code TRANSIENT_ERROR_CODES} and {@code PERMANENT_ERROR_CODES}; a code in
 * neither list is permanent, since nobody said a retry helps.
 */
public record ErrorCodePolicy(Set<String> transientCodes, Set<String> permanentCodes) {

  /** What a code in a settings list must look like (after upper-casing). */
  private static final Pattern LISTED_CODE =
      Pattern.compile("[A-Z][A-Z0-9_]{0," + (ErrorCode.MAX_LENGTH - 1) + "}");

  public ErrorCodePolicy {
    // Normalised as ErrorCode.of does, so "timeout" matches the TIMEOUT of an item and the
    // conflict check sees two spellings of one code.
    transientCodes = normalised(transientCodes);
    permanentCodes = normalised(permanentCodes);
    Set<String> both = new LinkedHashSet<>(transientCodes);
    both.retainAll(permanentCodes);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException(
          "codes listed as both transient and permanent: " + both.stream().sorted().toList());
    }
  }

  /** The original's sets (facts 4.1). */
  public static ErrorCodePolicy defaults() {
    EnumSet<KnownErrorCode> transients = EnumSet.noneOf(KnownErrorCode.class);
    EnumSet<KnownErrorCode> permanents = EnumSet.noneOf(KnownErrorCode.class);
    for (KnownErrorCode code : KnownErrorCode.values()) {
      if (code.transientByDefault()) {
        transients.add(code);
      } else if (code.category() != ErrorCategory.GENERIC) {
        permanents.add(code);
      }
    }
    return new ErrorCodePolicy(names(transients), names(permanents));
  }

  /**
   * Parses a comma-separated list of codes, as the settings hold them: blanks around entries and
   * empty entries are ignored, case is not significant, null is an empty list.
   *
   * @throws IllegalArgumentException naming the entry when one is not a code (a typo such as {@code
   *     TIMEOUT;RATE_LIMITED} must not silently become a code no crawler sends)
   */
  public static Set<String> parseList(String commaSeparated) {
    Set<String> codes = new LinkedHashSet<>();
    if (commaSeparated == null) {
      return codes;
    }
    for (String entry : commaSeparated.split(",")) {
      String code = entry.strip().toUpperCase(Locale.ROOT);
      if (code.isEmpty()) {
        continue;
      }
      if (!LISTED_CODE.matcher(code).matches()) {
        throw new IllegalArgumentException(
            "'"
                + entry.strip()
                + "' is not an error code (letters, digits and _, at most "
                + ErrorCode.MAX_LENGTH
                + ", starting with a letter)");
      }
      codes.add(code);
    }
    return codes;
  }

  public boolean isTransient(ErrorCode code) {
    return transientCodes.contains(code.value());
  }

  private static Set<String> normalised(Set<String> codes) {
    return codes.stream()
        .map(code -> ErrorCode.of(code).value())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static Set<String> names(Set<KnownErrorCode> codes) {
    return codes.stream().map(Enum::name).collect(Collectors.toSet());
  }
}
