package smap.analytics.domain.message;

import java.util.Objects;

/** A message body after UTF-8 and JSON decoding. */
public sealed interface DecodedBody {
  /** Decoded into a JSON tree of JDK types (numbers lossless). */
  record Json(Object tree) implements DecodedBody {}

  /** Not UTF-8 or not JSON; {@code reason} says what and where (line, column). */
  record Undecodable(String reason) implements DecodedBody {
    public Undecodable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
