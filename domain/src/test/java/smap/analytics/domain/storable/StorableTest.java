package smap.analytics.domain.storable;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorableTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL | NULL",
        "plain | plain",
        "a\\u0000b | ab",
        "\\u0000 | ''",
        "x\\uD800y | x\uFFFDy",
        "x\\uDC00 | x\uFFFD",
        "ok \\uD83D\\uDE00 | ok \uD83D\uDE00"
      })
  void cleanRemovesWhatPostgresRefuses(String raw, String stored) {
    assertThat(Storable.clean(unescape(raw))).isEqualTo(stored);
  }

  @ParameterizedTest(name = "{0} chars of {1} -> {2}")
  @CsvSource({
    "19, PLATFORM, 19",
    "20, PLATFORM, 20",
    "21, PLATFORM, 20",
    "5000, PROJECT_ID, 100",
    "250000, CONTENT_TEXT, 200000"
  })
  void textIsCutToItsColumn(int length, ColumnLimits column, int stored) {
    assertThat(Storable.text("x".repeat(length), column)).hasSize(stored);
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String value = "x".repeat(19) + "\uD83D\uDE00";
    assertThat(Storable.text(value, ColumnLimits.PLATFORM)).isEqualTo("x".repeat(19));
  }

  @Test
  void aChangedValueIsAWarningNamingTheField() {
    List<String> warnings = new ArrayList<>();
    String stored =
        Storable.text(
            "tik\u0000" + "t".repeat(30), ColumnLimits.PLATFORM, "payload.platform", warnings);
    assertThat(stored).hasSize(20).doesNotContain("\u0000");
    assertThat(warnings)
        .containsExactly(
            "payload.platform: U+0000 removed, cut from 33 to 20 characters to store it");
    Storable.text("fine", ColumnLimits.PLATFORM, "payload.platform", warnings);
    assertThat(warnings).hasSize(1);
  }

  @Test
  void aLongReasonEndsWithItsLength() {
    String reason = Storable.reason("r".repeat(10_000), ColumnLimits.LAST_ERROR);
    assertThat(reason)
        .startsWith("r".repeat(ColumnLimits.LAST_ERROR.limit()))
        .hasSize(ColumnLimits.LAST_ERROR.limit() + "… [10000 chars]".length())
        .endsWith("… [10000 chars]");
    assertThat(Storable.reason("short\u0000", ColumnLimits.LAST_ERROR)).isEqualTo("short");
  }

  @Test
  void warningsAreBoundedInLengthAndNumber() {
    List<String> many = Collections.nCopies(500, "w".repeat(1_000));
    List<String> stored = Storable.warnings(many);
    assertThat(stored).hasSize(Storable.MAX_WARNINGS + 1);
    assertThat(stored.get(0))
        .startsWith("w".repeat(ColumnLimits.WARNING.limit()))
        .endsWith("… [1000 chars]");
    assertThat(stored.get(Storable.MAX_WARNINGS)).isEqualTo("300 more warnings not kept");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 0",
    "2147483647, 2147483647",
    "2147483648, 2147483647",
    "-9223372036854775808, -2147483648"
  })
  void integersAreClampedToTheColumn(long value, int stored) {
    assertThat(Storable.integer(value)).isEqualTo(stored);
  }

  @Test
  void jsonTreesBecomeWhatJsonbAccepts() {
    Object deep = "leaf";
    for (int i = 0; i < 100; i++) {
      deep = List.of(deep);
    }
    Map<String, Object> tree =
        new java.util.LinkedHashMap<>(
            Map.of(
                "k\u0000",
                "v\u0000",
                "nan",
                Double.NaN,
                "huge",
                new BigDecimal("1e999999999"),
                "fine",
                new BigDecimal("12.5"),
                "deep",
                deep));
    Map<String, Object> stored = Storable.jsonObject(tree);
    assertThat(stored).containsEntry("k", "v").containsEntry("nan", null);
    assertThat(stored).containsEntry("huge", "1E+999999999");
    assertThat(stored).containsEntry("fine", new BigDecimal("12.5"));
    Object node = stored.get("deep");
    int depth = 1;
    while (node instanceof List<?> list) {
      node = list.get(0);
      depth++;
    }
    assertThat(depth).isEqualTo(Storable.MAX_JSON_DEPTH);
    assertThat(node).asString().startsWith("[…nested deeper than");
  }

  private static String unescape(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (s.startsWith("\\u", i)) {
        out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(s.charAt(i));
      }
    }
    return out.toString();
  }
}
