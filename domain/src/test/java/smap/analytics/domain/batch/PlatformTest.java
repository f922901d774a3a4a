package smap.analytics.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {

  @ParameterizedTest
  @CsvSource({
    "tiktok, TIKTOK",
    "TIKTOK, TIKTOK",
    "' TikTok ', TIKTOK",
    "youtube, YOUTUBE",
    "YouTube, YOUTUBE",
    "facebook, FACEBOOK",
    "instagram, INSTAGRAM"
  })
  void givenAKnownNameInAnyCase_from_findsThePlatform(String raw, Platform expected) {
    assertThat(Platform.from(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "twitter", "tik tok", "unknown"})
  void givenNothingOrAnUnknownName_from_isUnknown(String raw) {
    assertThat(Platform.from(raw)).isEqualTo(Platform.UNKNOWN);
  }

  @Test
  void lowerNameIsWhatThePipelineVersionUses() {
    assertThat(Platform.TIKTOK.lowerName()).isEqualTo("tiktok");
    assertThat(Platform.YOUTUBE.lowerName()).isEqualTo("youtube");
  }
}
