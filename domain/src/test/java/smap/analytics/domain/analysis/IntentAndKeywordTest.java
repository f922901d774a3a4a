package smap.analytics.domain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class IntentAndKeywordTest {

  private static final AnalysisRules RULES = AnalysisRules.loadDefaults();

  static java.util.stream.Stream<JsonNode> vectors() {
    return TextPreprocessorTest.vectors();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void intentAndSkipReproduceTheOriginal(JsonNode vector) {
    TextPreprocessor.Result text = TextPreprocessorTest.run(vector);
    IntentClassifier.Result intent = RULES.intents().classify(text.cleanText());

    assertThat(intent.intent().name()).isEqualTo(vector.get("intent").asText());
    assertThat(intent.confidence()).isEqualTo(vector.get("intent_confidence").asDouble());
    List<String> patterns = new ArrayList<>();
    vector.get("matched_patterns").forEach(p -> patterns.add(p.asText()));
    assertThat(intent.matchedPatterns()).containsExactlyElementsOf(patterns);
    boolean skip = text.tooShort() || text.hasSpamKeyword() || intent.skip();
    assertThat(skip).isEqualTo(vector.get("should_skip_total").asBoolean());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void dictionaryKeywordsMatchTheOriginalWhereItMatchedWholeWords(JsonNode vector) {
    TextPreprocessor.Result text = TextPreprocessorTest.run(vector);
    List<String> expected = new ArrayList<>();
    vector
        .get("keywords")
        .forEach(k -> expected.add(k.get("keyword").asText() + "/" + k.get("aspect").asText()));

    List<String> actual = new ArrayList<>();
    RULES
        .aspects()
        .extract(text.cleanText())
        .forEach(k -> actual.add(k.keyword() + "/" + k.aspect()));

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "giá bao nhiêu, LEAD, 0.6",
    "showroom ở đâu vậy?, SUPPORT, 0.6",
    "vay tiền lãi suất 0%, SPAM, 0.7",
    "inbox shop 0912345678, SEEDING, 0.7",
    "một bài review bình thường, DISCUSSION, 1.0"
  })
  void theOriginalTestSuitesExamples(String text, Intent intent, double confidence) {
    IntentClassifier.Result result = RULES.intents().classify(text);
    assertThat(result.intent()).isEqualTo(intent);
    assertThat(result.confidence()).isEqualTo(confidence);
  }

  /** Fix on purpose (issue 3): the original matched terms as substrings. */
  @ParameterizedTest
  @CsvSource({
    "mọi người xem video này nhé, êm",
    "thêm một chút nữa, êm",
    "màu xe đẹp, màu sắc",
    "chạy 400km một lần sạc, km"
  })
  void termsNoLongerMatchInsideOtherWords(String text, String term) {
    assertThat(RULES.aspects().extract(text)).extracting(Keyword::keyword).doesNotContain(term);
  }

  @Test
  void phrasesAndWordsAtPunctuationStillMatch() {
    assertThat(RULES.aspects().extract("xe chạy êm, giá rẻ. bảo hành tốt!"))
        .extracting(Keyword::keyword)
        .containsExactly("êm", "giá", "giá rẻ", "bảo hành", "bảo hành tốt");
  }

  @Test
  void aMalformedRuleFileNamesFileAndLine(@TempDir Path dir) throws IOException {
    Path intents = dir.resolve("intents.tsv");
    Files.writeString(intents, "# comment\nCRISIS\tscam\nLEAD\tgiá(\n");
    assertThatThrownBy(() -> IntentClassifier.load(intents))
        .isInstanceOf(RuleFileException.class)
        .hasMessageStartingWith(intents + ":3: bad regular expression");

    Path aspects = dir.resolve("aspects.tsv");
    Files.writeString(aspects, "DESIGN\tprimary\tđèn\nCOLOUR\tprimary\tmàu\n");
    assertThatThrownBy(() -> KeywordExtractor.load(aspects))
        .hasMessage(
            aspects
                + ":2: unknown aspect 'COLOUR', expected one of DESIGN, PERFORMANCE, PRICE, SERVICE");

    Path lexicon = dir.resolve("lexicon.tsv");
    Files.writeString(lexicon, "word\ttốt\t2\nword\txấu\tvery bad\n");
    assertThatThrownBy(() -> LexiconSentimentModel.load(lexicon))
        .hasMessage(lexicon + ":2: expected a number, got 'very bad'");
  }

  @Test
  void rulesLoadFromAPathGivenInSettings(@TempDir Path dir) throws IOException {
    Path aspects = dir.resolve("aspects.tsv");
    Files.writeString(aspects, "PRICE\tprimary\tgiá\n");
    assertThat(KeywordExtractor.load(aspects).extract("giá và pin"))
        .extracting(Keyword::keyword)
        .containsExactly("giá");
  }

  @Test
  void theCheapPrechecksOnlyRuleOutTextsAPatternCannotMatch() {
    java.util.function.Function<String, java.util.regex.Pattern> p =
        r -> java.util.regex.Pattern.compile(r, java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
    assertThat(IntentClassifier.requiredLiterals(p.apply("giá.*bao\\s*nhiêu")))
        .containsExactly("giá", "bao", "nhiêu");
    assertThat(IntentClassifier.requiredLiterals(p.apply("(tồi|tệ|kém).*chất\\s*lượng")))
        .containsExactly("chất", "lượng");
    assertThat(IntentClassifier.requiredLiterals(p.apply("a|b"))).isEmpty();
    assertThat(IntentClassifier.requiredDigitRun(p.apply("\\b0\\d{9,10}\\b"))).isEqualTo(9);
    assertThat(IntentClassifier.requiredDigitRun(p.apply("liên\\s*hệ.*\\d{9}"))).isEqualTo(9);
    assertThat(IntentClassifier.requiredDigitRun(p.apply("(x\\d{5})?y"))).isZero();
    assertThat(IntentClassifier.longestDigitRun("năm 2025, gọi 0912345678")).isEqualTo(10);
    assertThat(RULES.intents().classify("gọi 0912345678 nhé").intent()).isEqualTo(Intent.SEEDING);
    assertThat(RULES.intents().classify("bản 2025 ra mắt").intent()).isEqualTo(Intent.DISCUSSION);
  }
}
