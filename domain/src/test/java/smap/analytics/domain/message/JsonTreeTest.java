package smap.analytics.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTreeTest {

  @Test
  void nineteenDigitIdsParsedLosslesslyStayExact() {
    Object tree = JsonFixtures.tree("{'a': 7441234567890123456, 'b': 99999999999999999999}");

    assertThat(JsonTree.text(JsonTree.at(tree, "a"))).isEqualTo("7441234567890123456");
    assertThat(JsonTree.text(JsonTree.at(tree, "b"))).isEqualTo("99999999999999999999");
  }

  @Test
  void numbersOfEveryJdkTypeReadAsPlainText() {
    assertThat(JsonTree.text(7)).isEqualTo("7");
    assertThat(JsonTree.text(7L)).isEqualTo("7");
    assertThat(JsonTree.text(new BigInteger("7441234567890123456")))
        .isEqualTo("7441234567890123456");
    assertThat(JsonTree.text(new BigDecimal("7.441234567890123456E+18")))
        .isEqualTo("7441234567890123456");
    assertThat(JsonTree.text(new BigDecimal("1.5"))).isEqualTo("1.5");
    assertThat(JsonTree.text(true)).isEqualTo("true");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "NULL", "null"})
  void blankTextAndExportedNullsReadAsAbsent(String value) {
    // facts 13.16: "NULL" strings were export artefacts
    assertThat(JsonTree.text(value)).isNull();
  }

  @Test
  void objectsAndArraysAreNotText() {
    assertThat(JsonTree.text(Map.of("a", 1))).isNull();
    assertThat(JsonTree.text(List.of())).isNull();
    assertThat(JsonTree.text(null)).isNull();
  }

  @Test
  void pathsThroughMissingOrNonObjectNodesAreAbsent() {
    Object tree = JsonFixtures.tree("{'meta': {'id': '1', 'list': [1]}, 'content': null}");

    assertThat(JsonTree.at(tree, "meta", "id")).isEqualTo("1");
    assertThat(JsonTree.at(tree, "meta", "nope")).isNull();
    assertThat(JsonTree.at(tree, "content", "text")).isNull();
    assertThat(JsonTree.at(tree, "meta", "list", "x")).isNull();
    assertThat(JsonTree.at("not an object", "a")).isNull();
  }

  @Test
  void firstTakesTheFirstNonNullPath() {
    Object tree = JsonFixtures.tree("{'a': null, 'b': {'c': 0}, 'd': 1}");

    assertThat(JsonTree.first(tree, "a", "b.c", "d")).isEqualTo(0);
    assertThat(JsonTree.first(tree, "x", "y")).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "12, 12",
        "'12', 12",
        "' 12 ', 12",
        "'12.9', 12",
        "'1_000', 1000",
        "'-5', -5",
        "'1e3', 1000"
      })
  void wholeNumbersFromNumbersOrNumericStrings(String json, long expected) {
    assertThat(JsonTree.wholeNumber(JsonFixtures.tree(json))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"'abc'", "''", "'1,000'", "true", "null", "{}", "99999999999999999999"})
  void nonNumbersAndOverflowsAreNotWholeNumbers(String json) {
    assertThat(JsonTree.wholeNumber(JsonFixtures.tree(json))).isNull();
  }

  @Test
  void aDecimalIsCutToItsWholePart() {
    assertThat(JsonTree.wholeNumber(JsonFixtures.tree("12.7"))).isEqualTo(12L);
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {"10, 10", "'10', 10", "-3, 0", "'n/a', 0", "null, 0"})
  void countsAreNeverNegativeAndDefaultToZero(String json, long expected) {
    assertThat(JsonTree.count(JsonFixtures.tree(json))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "true, true",
        "false, false",
        "'True', true",
        "'False', false",
        "'yes', true",
        "'0', false",
        "1, true",
        "0, false"
      })
  void booleansIncludingExportedTrueFalseStrings(String json, boolean expected) {
    // facts 13.16: "True"/"False" strings were export artefacts
    assertThat(JsonTree.bool(JsonFixtures.tree(json))).isEqualTo(expected);
  }

  @Test
  void anythingElseIsNotABoolean() {
    assertThat(JsonTree.bool(JsonFixtures.tree("'maybe'"))).isNull();
    assertThat(JsonTree.bool(null)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "'2025-12-17T10:00:00Z', 2025-12-17T10:00:00Z",
        "'2025-12-06T10:15:30.123Z', 2025-12-06T10:15:30.123Z",
        "'2025-12-17T17:00:00+07:00', 2025-12-17T10:00:00Z",
        "'2025-12-17T10:00:00', 2025-12-17T10:00:00Z",
        "'2025-12-17 10:00:00', 2025-12-17T10:00:00Z",
        "1765965600, 2025-12-17T10:00:00Z",
        "1765965600000, 2025-12-17T10:00:00Z"
      })
  void instantsFromIsoTextOrEpochNumbers(String json, Instant expected) {
    assertThat(JsonTree.instant(JsonFixtures.tree(json))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"'yesterday'", "''", "null", "{}"})
  void unparsableInstantsAreAbsent(String json) {
    assertThat(JsonTree.instant(JsonFixtures.tree(json))).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1e999999999", "-1e999999999", "1e-999999999", "'1e999999999'", "'1E-999999999'"})
  void hugeExponentsAreReadQuicklyNotExpanded(String json) {
    // a crawler value like 1e999999999 must not make the consumer build a billion-digit number
    Object node = JsonFixtures.tree(json);

    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(2),
        () -> {
          Long whole = JsonTree.wholeNumber(node);
          assertThat(whole == null || whole == 0L).isTrue();
          assertThat(JsonTree.count(node)).isZero();
          Instant instant = JsonTree.instant(node);
          assertThat(instant == null || instant.equals(Instant.EPOCH)).isTrue();
          String text = JsonTree.text(node);
          assertThat(text == null || text.length() < 100).isTrue();
        });
  }

  @Test
  void aHugeExponentIsNotAWholeNumberButATinyOneIsZero() {
    assertThat(JsonTree.wholeNumber(new BigDecimal("1e30"))).isNull();
    assertThat(JsonTree.wholeNumber(new BigDecimal("1e-30"))).isZero();
    assertThat(JsonTree.wholeNumber(new BigDecimal("9.2e18")))
        .isEqualTo(9_200_000_000_000_000_000L);
    assertThat(JsonTree.wholeNumber(new BigDecimal("-0.5"))).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"-1000000000000000000", "99999999999999999999", "'+1000000000-01-01T00:00:00Z'"})
  void anInstantOutOfRangeIsAbsentNotAnException(String json) {
    assertThat(JsonTree.instant(JsonFixtures.tree(json))).isNull();
  }

  @org.junit.jupiter.api.Test
  void aNumberSentAsAMillionDigitsOfTextIsNotReadAsANumber() {
    String digits = "9".repeat(1_000_000);
    org.assertj.core.api.Assertions.assertThat(JsonTree.wholeNumber(digits)).isNull();
    org.assertj.core.api.Assertions.assertThat(JsonTree.count(digits)).isZero();
    org.assertj.core.api.Assertions.assertThat(JsonTree.wholeNumber("1" + "0".repeat(18)))
        .isEqualTo(1_000_000_000_000_000_000L);
    org.assertj.core.api.Assertions.assertThat(JsonTree.wholeNumber("1".repeat(65))).isNull();
  }
}
