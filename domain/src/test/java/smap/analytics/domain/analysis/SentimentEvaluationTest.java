package smap.analytics.domain.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of the built-in lexicon model on the labelled evaluation set, with its confusion matrix.
 * The floor keeps it from silently regressing; the README reports the figures.
 */
class SentimentEvaluationTest {

  /** Measured 2026-11-24; a change to lexicon or model must not fall below this. */
  static final double ACCURACY_FLOOR = 0.95;

  private static final List<String> LABELS = List.of("POSITIVE", "NEGATIVE", "NEUTRAL");

  record Example(String label, String text) {}

  static List<Example> examples() throws IOException {
    List<Example> examples = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                SentimentEvaluationTest.class.getResourceAsStream("/analysis/sentiment_eval.tsv"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", 2);
        examples.add(new Example(parts[0], parts[1]));
      }
    }
    return examples;
  }

  @Test
  void theLexiconModelMeetsItsAccuracyFloor() throws IOException {
    SentimentAnalyser analyser = new SentimentAnalyser(LexiconSentimentModel.load(null));
    List<Example> examples = examples();
    int[][] confusion = new int[3][3];
    int correct = 0;
    List<String> misses = new ArrayList<>();
    for (Example example : examples) {
      String predicted = analyser.overall(TextPreprocessor.normalise(example.text())).label();
      confusion[LABELS.indexOf(example.label())][LABELS.indexOf(predicted)]++;
      if (predicted.equals(example.label())) {
        correct++;
      } else {
        misses.add(example.label() + " -> " + predicted + ": " + example.text());
      }
    }
    double accuracy = (double) correct / examples.size();
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "sentiment evaluation: %d sentences, accuracy %.3f%n", examples.size(), accuracy));
    report.append(
        String.format(
            "%-10s %9s %9s %9s   (rows: true label, columns: predicted)%n",
            "", "POSITIVE", "NEGATIVE", "NEUTRAL"));
    for (int i = 0; i < 3; i++) {
      report.append(
          String.format(
              "%-10s %9d %9d %9d%n",
              LABELS.get(i), confusion[i][0], confusion[i][1], confusion[i][2]));
    }
    misses.forEach(m -> report.append("  miss ").append(m).append('\n'));
    System.out.print(report);

    assertThat(examples).hasSizeGreaterThanOrEqualTo(300);
    assertThat(accuracy).as(report.toString()).isGreaterThanOrEqualTo(ACCURACY_FLOOR);
  }

  @Test
  void negationFlipsAndQuestionsStayNeutral() {
    SentimentAnalyser analyser = new SentimentAnalyser(LexiconSentimentModel.load(null));
    assertThat(analyser.overall(TextPreprocessor.normalise("xe tốt")).label())
        .isEqualTo("POSITIVE");
    assertThat(analyser.overall(TextPreprocessor.normalise("xe không tốt")).label())
        .isEqualTo("NEGATIVE");
    assertThat(analyser.overall(TextPreprocessor.normalise("xe k tốt")).label())
        .as("teencode k = không")
        .isEqualTo("NEGATIVE");
    assertThat(analyser.overall(TextPreprocessor.normalise("not good at all")).label())
        .isEqualTo("NEGATIVE");
    assertThat(analyser.overall(TextPreprocessor.normalise("pin có bền không?")).label())
        .isEqualTo("NEUTRAL");
    assertThat(
            analyser
                .overall(TextPreprocessor.normalise("đẹp nhưng giá quá đắt, thất vọng"))
                .label())
        .isEqualTo("NEGATIVE");
  }

  @Test
  void theHandWrittenTokenizerFindsWhatTheRegexFinds() throws IOException {
    java.util.regex.Pattern regex =
        java.util.regex.Pattern.compile(
            "[\\p{L}\\p{N}_]+|[.!?;,]", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
    List<String> texts = new ArrayList<>();
    examples().forEach(e -> texts.add(TextPreprocessor.normalise(e.text())));
    texts.add("a_b 12,5% ½ Ⅻ 😍x!? ;; tiếng việt\u0301 ok.");
    for (String text : texts) {
      List<String> expected = new ArrayList<>();
      java.util.regex.Matcher m = regex.matcher(text);
      while (m.find()) {
        expected.add(m.group());
      }
      assertThat(LexiconSentimentModel.tokens(text)).as(text).isEqualTo(expected);
    }
  }

  @Test
  void probabilitiesAreAThreeClassDistribution() {
    SentimentModel.Prediction p = LexiconSentimentModel.load(null).predict("xe rất đẹp");
    assertThat(p.negative() + p.positive() + p.neutral())
        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(p.positive()).isGreaterThan(p.neutral()).isGreaterThan(p.negative());
  }
}
