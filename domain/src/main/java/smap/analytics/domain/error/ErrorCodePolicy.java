package smap.analytics.domain.error;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Policy: which error codes are transient (the crawler may succeed on a later try) and which are
 * permanent. Settings {@code TRANSIENT_ERROR_CODES} and {@code PERMANENT_ERROR_CODES}; a code in
 * neither list is permanent, since nobody said a retry helps.
 */
public record ErrorCodePolicy(Set<String> transientCodes, Set<String> permanentCodes) {

  public ErrorCodePolicy {
    transientCodes = Set.copyOf(transientCodes);
    permanentCodes = Set.copyOf(permanentCodes);
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

  /** Parses a comma-separated list of codes, as the settings hold them. */
  public static Set<String> parseList(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> ErrorCode.of(s).value())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public boolean isTransient(ErrorCode code) {
    return transientCodes.contains(code.value());
  }

  private static Set<String> names(Set<KnownErrorCode> codes) {
    return codes.stream().map(Enum::name).collect(Collectors.toSet());
  }
}
