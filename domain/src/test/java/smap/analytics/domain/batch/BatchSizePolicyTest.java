package smap.analytics.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BatchSizePolicyTest {

  @Test
  void theDefaultsAreFiftyForTikTokAndTwentyForYouTube() {
    BatchSizePolicy policy = BatchSizePolicy.defaults();

    assertThat(policy.expectedFor(Platform.TIKTOK)).isEqualTo(50);
    assertThat(policy.expectedFor(Platform.YOUTUBE)).isEqualTo(20);
  }

  @ParameterizedTest
  @EnumSource(
      value = Platform.class,
      names = {"TIKTOK"},
      mode = EnumSource.Mode.EXCLUDE)
  void everyPlatformButTikTokExpectsTheYouTubeSize(Platform platform) {
    // facts 6: "otherwise 20 (also for unknown, facebook, and so on)"
    assertThat(new BatchSizePolicy(7, 3).expectedFor(platform)).isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource({
    "TIKTOK, 50, false",
    "TIKTOK, 48, true",
    "TIKTOK, 20, true",
    "TIKTOK, 0, true",
    "YOUTUBE, 20, false",
    "YOUTUBE, 50, true",
    "UNKNOWN, 20, false"
  })
  void aMismatchComparesTheItemCountWithThePlatformSize(
      Platform platform, int actual, boolean mismatch) {
    assertThat(BatchSizePolicy.defaults().mismatch(platform, actual)).isEqualTo(mismatch);
  }

  @Test
  void sizesBelowOneAreRefused() {
    assertThatThrownBy(() -> new BatchSizePolicy(0, 20)).hasMessageContaining("tiktok");
    assertThatThrownBy(() -> new BatchSizePolicy(50, -1)).hasMessageContaining("youtube");
  }
}
