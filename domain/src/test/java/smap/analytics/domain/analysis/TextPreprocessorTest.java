package smap.analytics.domain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextPreprocessorTest {

  static Stream<JsonNode> vectors() {
    List<JsonNode> list = new ArrayList<>();
    ReferenceVectors.load("pipeline-test-vectors.json")
        .get("preprocess_intent_keywords")
        .forEach(list::add);
    return list.stream();
  }

  static TextPreprocessor.Result run(JsonNode vector) {
    JsonNode content = vector.get("input").get("content");
    List<CommentText> comments = new ArrayList<>();
    vector
        .get("input")
        .path("comments")
        .forEach(
            c -> comments.add(new CommentText(c.get("text").asText(), c.path("likes").asLong())));
    return TextPreprocessor.preprocess(
        content.path("text").asText(""), content.path("transcription").asText(""), comments);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void reproducesTheOriginalsCleanTextAndStatistics(JsonNode vector) {
    TextPreprocessor.Result result = run(vector);
    JsonNode stats = vector.get("stats");

    assertThat(result.cleanText()).isEqualTo(vector.get("clean_text").asText());
    assertThat(result.totalLength()).isEqualTo(stats.get("total_length").asInt());
    assertThat(result.tooShort()).isEqualTo(stats.get("is_too_short").asBoolean());
    assertThat(result.hashtagRatio())
        .isCloseTo(stats.get("hashtag_ratio").asDouble(), within(1e-12));
    assertThat(result.reductionRatio())
        .isCloseTo(stats.get("reduction_ratio").asDouble(), within(1e-12));
    assertThat(result.hasTranscription()).isEqualTo(stats.get("has_transcription").asBoolean());
    assertThat(result.hasPhone()).isEqualTo(stats.get("has_phone").asBoolean());
    assertThat(result.hasSpamKeyword()).isEqualTo(stats.get("has_spam_keyword").asBoolean());
    JsonNode sources = vector.get("source_breakdown");
    assertThat(result.captionLength()).isEqualTo(sources.get("caption_len").asInt());
    assertThat(result.transcriptLength()).isEqualTo(sources.get("transcript_len").asInt());
    assertThat(result.commentsLength()).isEqualTo(sources.get("comments_len").asInt());
  }

  @Test
  void teencodeIsReplacedAsWholeWordsOnly() {
    assertThat(TextPreprocessor.normalise("ko biết k, kong")).isEqualTo("không biết không, kong");
  }

  @Test
  void urlsEmojiAndHashtagMarksGoAndCaseFolds() {
    assertThat(TextPreprocessor.normalise("Xem https://x.vn/a?b=1 ngay 😡🔥 #VinFast   OK"))
        .isEqualTo("xem ngay vinfast ok");
  }

  @Test
  void commentsAreTakenMostLikedFirstAndAtMostFive() {
    List<CommentText> comments = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      comments.add(new CommentText("c" + i, i));
    }
    TextPreprocessor.Result result = TextPreprocessor.preprocess("cap", null, comments);
    assertThat(result.mergedText()).isEqualTo("cap. c7. c6. c5. c4. c3");
  }

  @Test
  void messyInputNeverThrows() {
    String huge = "xe đẹp ".repeat(3_000);
    TextPreprocessor.Result result =
        TextPreprocessor.preprocess(
            null, huge, List.of(new CommentText(null, -3), new CommentText("😍😍😍", 9)));
    assertThat(result.totalLength()).isGreaterThan(10_000);
    assertThat(TextPreprocessor.preprocess(null, null, null).tooShort()).isTrue();
  }
}
