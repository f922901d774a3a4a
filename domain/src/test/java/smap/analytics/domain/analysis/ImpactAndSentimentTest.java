package smap.analytics.domain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import smap.analytics.domain.batch.Platform;

class ImpactAndSentimentTest {

  private final ImpactCalculator impact = new ImpactCalculator(AnalysisSettings.defaults());

  static Stream<JsonNode> impactVectors() {
    List<JsonNode> list = new ArrayList<>();
    ReferenceVectors.load("pipeline-test-vectors.json").get("impact").forEach(list::add);
    return list.stream();
  }

  static Stream<JsonNode> productionRows() {
    List<JsonNode> list = new ArrayList<>();
    ReferenceVectors.load("post_analytics_rows_prod_export_2025-12-15.json").forEach(list::add);
    return list.stream();
  }

  private static AnalysisInput input(
      String platform,
      long views,
      long likes,
      long comments,
      long shares,
      long saves,
      long followers,
      boolean verified) {
    return new AnalysisInput(
        Platform.from(platform),
        "",
        "",
        List.of(),
        views,
        likes,
        comments,
        shares,
        saves,
        followers,
        verified);
  }

  @ParameterizedTest
  @MethodSource("impactVectors")
  void reproducesTheOriginalsImpactVectors(JsonNode vector) {
    JsonNode i = vector.get("interaction");
    JsonNode a = vector.get("author");
    ImpactCalculator.Impact result =
        impact.calculate(
            input(
                vector.get("platform").asText(),
                i.get("views").asLong(),
                i.get("likes").asLong(),
                i.get("comments_count").asLong(),
                i.get("shares").asLong(),
                i.get("saves").asLong(),
                a.get("followers").asLong(),
                a.get("is_verified").asBoolean()),
            vector.get("sentiment").get("label").asText());
    JsonNode expected = vector.get("result");

    assertThat(result.score()).isCloseTo(expected.get("impact_score").asDouble(), within(1e-9));
    assertThat(result.riskLevel()).isEqualTo(expected.get("risk_level").asText());
    assertThat(result.viral()).isEqualTo(expected.get("is_viral").asBoolean());
    assertThat(result.kol()).isEqualTo(expected.get("is_kol").asBoolean());
    expected
        .get("impact_breakdown")
        .fields()
        .forEachRemaining(
            e ->
                assertThat((Double) result.breakdown().get(e.getKey()))
                    .as(e.getKey())
                    .isCloseTo(e.getValue().asDouble(), within(1e-6)));
  }

  @ParameterizedTest
  @MethodSource("productionRows")
  void reproducesTheEighteenProductionRows(JsonNode row) {
    long followers = row.get("follower_count").asLong();
    if (row.get("impact_breakdown").isEmpty()) {
      // A skipped post (too short, spam, seeding): the minimal record of facts 11.2.
      AnalysisOutcome skipped =
          PostAnalyser.withDefaults()
              .analyse(
                  input(
                      row.get("platform").asText(),
                      row.get("view_count").asLong(),
                      row.get("like_count").asLong(),
                      row.get("comment_count").asLong(),
                      row.get("share_count").asLong(),
                      row.get("save_count").asLong(),
                      followers,
                      false),
                  AnalysisStages.all());
      assertThat(skipped)
          .isInstanceOfSatisfying(
              PostAnalysis.class,
              p -> {
                assertThat(p.skipped()).isTrue();
                assertThat(p.impactScore()).isEqualTo(row.get("impact_score").asDouble());
                assertThat(p.riskLevel()).isEqualTo(row.get("risk_level").asText());
                assertThat(p.impactBreakdown()).isEmpty();
                assertThat(p.overallSentiment()).isEqualTo(row.get("overall_sentiment").asText());
              });
      return;
    }
    double reach = row.get("impact_breakdown").path("reach_score").asDouble(0);
    boolean verified = reach > Math.log10(followers + 1.0) + 1e-9;
    ImpactCalculator.Impact result =
        impact.calculate(
            input(
                row.get("platform").asText(),
                row.get("view_count").asLong(),
                row.get("like_count").asLong(),
                row.get("comment_count").asLong(),
                row.get("share_count").asLong(),
                row.get("save_count").asLong(),
                followers,
                verified),
            row.get("overall_sentiment").asText());

    assertThat(result.score()).isCloseTo(row.get("impact_score").asDouble(), within(1e-9));
    assertThat(result.riskLevel()).isEqualTo(row.get("risk_level").asText());
    assertThat(result.viral())
        .isEqualTo(Boolean.parseBoolean(row.get("is_viral").asText().toLowerCase()));
    assertThat(result.kol())
        .isEqualTo(Boolean.parseBoolean(row.get("is_kol").asText().toLowerCase()));
  }

  @Test
  void contextWindowsAreTheOriginals() {
    ReferenceVectors.load("pipeline-test-vectors.json")
        .get("context_windows")
        .forEach(
            v ->
                assertThat(
                        SentimentAnalyser.window(v.get("text").asText(), v.get("keyword").asText()))
                    .as(v.toString())
                    .isEqualTo(v.get("window").asText()));
  }

  /** The fake model of the vector file: a rule on words, as the original's test used. */
  private static final SentimentModel FAKE =
      new SentimentModel() {
        @Override
        public Prediction predict(String text) {
          for (String w : List.of("đắt", "tệ", "chán", "thất vọng", "cao")) {
            if (text.contains(w)) {
              return new Prediction(0.9, 0.05, 0.05);
            }
          }
          for (String w : List.of("đẹp", "êm", "tốt", "trâu")) {
            if (text.contains(w)) {
              return new Prediction(0.1, 0.8, 0.1);
            }
          }
          return new Prediction(0.1, 0.1, 0.8);
        }

        @Override
        public String version() {
          return "fake";
        }
      };

  @Test
  void aspectAggregationIsTheOriginalsWithItsFakeModel() {
    JsonNode vector =
        ReferenceVectors.load("pipeline-test-vectors.json").get("absa_with_fake_model");
    List<Keyword> keywords = new ArrayList<>();
    vector
        .get("keywords")
        .forEach(
            k -> {
              String[] parts = k.asText().split("/");
              keywords.add(new Keyword(parts[0], parts[1], 1.0, "DICT"));
            });
    Map<String, Object> aspects =
        new SentimentAnalyser(FAKE).aspects(vector.get("text").asText(), keywords);

    vector
        .get("result")
        .get("aspects")
        .fields()
        .forEachRemaining(
            e -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> actual = (Map<String, Object>) aspects.get(e.getKey());
              assertThat(actual.get("label"))
                  .as(e.getKey())
                  .isEqualTo(e.getValue().get("label").asText());
              assertThat((Double) actual.get("score"))
                  .isCloseTo(e.getValue().get("score").asDouble(), within(1e-9));
              assertThat(actual.get("rating")).isEqualTo(e.getValue().get("rating").asInt());
              assertThat((Double) actual.get("confidence"))
                  .isCloseTo(e.getValue().get("confidence").asDouble(), within(1e-9));
              assertThat(actual.get("mentions")).isEqualTo(e.getValue().get("mentions").asInt());
            });
  }

  @Test
  void aSkippedPostIsStoredWithNeutralValuesAndCountsAsAnalysed() {
    AnalysisOutcome outcome =
        PostAnalyser.withDefaults()
            .analyse(
                new AnalysisInput(
                    Platform.TIKTOK, "Hay quá", null, null, 10, 1, 0, 0, 0, 100, false),
                AnalysisStages.all());
    assertThat(outcome)
        .isInstanceOfSatisfying(
            PostAnalysis.class,
            p -> {
              assertThat(p.skipped()).isTrue();
              assertThat(p.skipReason()).isEqualTo("too short");
              assertThat(p.overallSentiment()).isEqualTo("NEUTRAL");
              assertThat(p.impactScore()).isZero();
              assertThat(p.impactBreakdown()).isEmpty();
            });
  }

  @Test
  void disabledStagesYieldTheFallbackValues() {
    AnalysisOutcome outcome =
        PostAnalyser.withDefaults()
            .analyse(
                new AnalysisInput(
                    Platform.YOUTUBE,
                    "Xe thiết kế đẹp, pin trâu, giá hợp lý",
                    null,
                    null,
                    100000,
                    5000,
                    100,
                    10,
                    5,
                    90000,
                    true),
                new AnalysisStages(false, false, false, false));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            PostAnalysis.class,
            p -> {
              assertThat(p.keywords()).isEmpty();
              assertThat(p.overallSentiment()).isEqualTo("NEUTRAL");
              assertThat(p.sentimentProbabilities()).isEmpty();
              assertThat(p.aspectsBreakdown()).isEmpty();
              assertThat(p.impactScore()).isZero();
              assertThat(p.impactBreakdown()).containsEntry("platform_multiplier", 1.0);
            });
  }

  @Test
  void aFullAnalysisHasEveryColumn() {
    AnalysisOutcome outcome =
        PostAnalyser.withDefaults()
            .analyse(
                new AnalysisInput(
                    Platform.YOUTUBE,
                    "Xe thiết kế đẹp nhưng giá quá đắt, pin trâu",
                    "Hôm nay mình đánh giá xe",
                    List.of(new CommentText("đắt quá không mua", 3)),
                    250000,
                    12000,
                    850,
                    0,
                    0,
                    320000,
                    true),
                AnalysisStages.all());
    assertThat(outcome)
        .isInstanceOfSatisfying(
            PostAnalysis.class,
            p -> {
              assertThat(p.skipped()).isFalse();
              assertThat(p.keywords())
                  .extracting(k -> k.get("keyword"))
                  .contains("thiết kế", "giá", "pin");
              assertThat(p.aspectsBreakdown()).containsKeys("DESIGN", "PRICE", "PERFORMANCE");
              assertThat(p.sentimentProbabilities())
                  .containsKeys("NEGATIVE", "POSITIVE", "NEUTRAL");
              assertThat(p.impactBreakdown())
                  .containsKeys(
                      "engagement_score",
                      "reach_score",
                      "platform_multiplier",
                      "sentiment_amplifier",
                      "raw_impact");
              assertThat(p.modelVersion()).isEqualTo("1.0.0");
            });
  }
}
