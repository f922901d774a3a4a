package smap.analytics.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

  private static final String[] SUFFIXES = {
    "",
    "",
    "Z",
    "Z",
    "+07:00",
    "-05:30",
    "+18:00",
    "-18:00",
    "+19:00",
    "+07:60",
    "z",
    "+0700",
    "+07",
    "+07:00:00",
    " ",
    "UTC",
    "+07:00Z",
    "Z "
  };
  private static final String[] SEPARATORS = {"T", "T", "T", " ", "t", "x"};
  private static final String MUTATIONS = "0123456789-:T.Z+ xé";

  @Test
  void agreesWithJavaTimeOnGeneratedTimestamps() {
    Random random = new Random(20261130);
    int fast = 0;
    int cases = 50_000;
    for (int c = 0; c < cases; c++) {
      String s = timestamp(random);
      Instant quick = IsoInstants.parse(s);
      if (quick != null) {
        fast++;
        assertThat(quick).as(s).isEqualTo(JsonTree.parseSlowly(s));
      }
      assertThat(JsonTree.instant(s)).as(s).isEqualTo(slowInstant(s));
    }
    // About a fifth of the generated texts have a shape the fast path takes and a value in range.
    assertThat(fast).as("texts the fast path read").isGreaterThan(cases / 8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-12-17T10:00:00Z",
        "2025-12-17T10:00:00.123Z",
        "2025-12-17T10:00:00.123456789+07:00",
        "2025-12-17 10:00:00",
        "2025-12-17T10:00:00",
        "2024-02-29T23:59:59-18:00"
      })
  void readsTheCommonShapes(String s) {
    assertThat(IsoInstants.parse(s)).isNotNull().isEqualTo(JsonTree.parseSlowly(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-12-17T10:00Z",
        "2025-12-17t10:00:00Z",
        "2025-12-17T10:00:00z",
        "2025-02-30T10:00:00Z",
        "2025-12-17T23:59:60Z",
        "2025-12-17T24:00:00Z",
        "2025-12-17 10:00:00+07:00",
        "2025-12-17T10:00:00.1234567890Z",
        "+2025-12-17T10:00:00Z",
        "2025-12-17T10:00:00+0700"
      })
  void leavesEveryOtherShapeToJavaTime(String s) {
    assertThat(IsoInstants.parse(s)).isNull();
  }

  /** {@link JsonTree#instant} as it was before the fast path: java.time's chain and the bounds. */
  private static Instant slowInstant(String s) {
    Instant instant = JsonTree.parseSlowly(s.strip());
    return instant == null
            || instant.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
            || instant.isAfter(Instant.parse("9999-12-31T23:59:59.999999999Z"))
        ? null
        : instant;
  }

  private static String timestamp(Random random) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%04d-%02d-%02d%s%02d:%02d:%02d",
                random.nextInt(10) == 0 ? random.nextInt(10_000) : 1970 + random.nextInt(100),
                random.nextInt(10) == 0 ? random.nextInt(14) : 1 + random.nextInt(12),
                random.nextInt(10) == 0 ? random.nextInt(33) : 1 + random.nextInt(28),
                SEPARATORS[random.nextInt(SEPARATORS.length)],
                random.nextInt(10) == 0 ? random.nextInt(26) : random.nextInt(24),
                random.nextInt(10) == 0 ? random.nextInt(62) : random.nextInt(60),
                random.nextInt(10) == 0 ? random.nextInt(62) : random.nextInt(60)));
    if (random.nextInt(3) == 0) {
      s.append('.');
      int digits = random.nextInt(11);
      for (int i = 0; i < digits; i++) {
        s.append((char) ('0' + random.nextInt(10)));
      }
    }
    s.append(SUFFIXES[random.nextInt(SUFFIXES.length)]);
    if (random.nextInt(8) == 0) {
      s.setCharAt(random.nextInt(s.length()), MUTATIONS.charAt(random.nextInt(MUTATIONS.length())));
    }
    if (random.nextInt(20) == 0) {
      s.setLength(random.nextInt(s.length()));
    }
    return s.toString();
  }
}
