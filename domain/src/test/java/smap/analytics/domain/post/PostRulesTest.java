package smap.analytics.domain.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.error.ErrorCode;

class PostRulesTest {

  @ParameterizedTest(name = "item {0}, batch {1} -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "tiktok, YOUTUBE, TIKTOK",
        "' YouTube ', TIKTOK, YOUTUBE",
        "NULL, TIKTOK, TIKTOK",
        "'', YOUTUBE, YOUTUBE",
        "myspace, TIKTOK, TIKTOK",
        "tiktoktiktoktiktoktiktoktiktok, YOUTUBE, YOUTUBE",
        "myspace, UNKNOWN, UNKNOWN"
      })
  void theItemsKnownPlatformElseTheBatchs(String item, Platform batch, Platform stored) {
    assertThat(PostRules.itemPlatform(item, batch)).isEqualTo(stored);
  }

  @ParameterizedTest(name = "published {0}, event {1} -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "2025-01-01T00:00:00Z, 2025-02-01T00:00:00Z, 2025-01-01T00:00:00Z",
        "NULL, 2025-02-01T00:00:00Z, 2025-02-01T00:00:00Z",
        "NULL, NULL, 2025-03-01T00:00:00Z"
      })
  void publishedAtFallsBackToTheCrawlTimeThenNow(String published, String event, String stored) {
    Instant now = Instant.parse("2025-03-01T00:00:00Z");
    assertThat(PostRules.publishedAt(instant(published), instant(event), now))
        .isEqualTo(Instant.parse(stored));
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
    "crawler_, TIKTOK, crawler_tiktok_v3",
    "crawler_, UNKNOWN, crawler_unknown_v3",
    "a_very_long_prefix_that_nobody_should_configure_really_, YOUTUBE,"
        + " a_very_long_prefix_that_nobody_should_configure_re"
  })
  void pipelineVersionIsPrefixPlatformAndV3WithinItsColumn(
      String prefix, Platform platform, String stored) {
    assertThat(PostRules.pipelineVersion(prefix, platform)).isEqualTo(stored);
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL, UNKNOWN_ERROR",
        "'  ', UNKNOWN_ERROR",
        "rate_limited, RATE_LIMITED",
        "'bad code!', BAD_CODE_"
      })
  void aCrawlerErrorWithoutACodeIsUnknownError(String raw, String code) {
    assertThat(ErrorCode.of(raw).value()).isEqualTo(code);
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
