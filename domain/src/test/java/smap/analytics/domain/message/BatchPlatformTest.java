package smap.analytics.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;

class BatchPlatformTest {

  private static List<?> items(String json) {
    return (List<?>) JsonFixtures.tree(json);
  }

  @ParameterizedTest
  @CsvSource({"tiktok, TIKTOK", "YOUTUBE, YOUTUBE", "' Tiktok ', TIKTOK"})
  void thePayloadPlatformWins(String payload, Platform expected) {
    assertThat(
            BatchPlatform.resolve(
                Platform.from(payload), items("[{'meta': {'platform': 'FACEBOOK'}}]")))
        .isEqualTo(expected);
  }

  @Test
  void givenNoPayloadPlatform_theItemsMetaPlatformIsUsed() {
    assertThat(BatchPlatform.resolve(null, items("[{'meta': {'platform': 'TIKTOK'}}]")))
        .isEqualTo(Platform.TIKTOK);
    assertThat(
            BatchPlatform.resolve(
                Platform.from("  "), items("[{'meta': {'platform': 'youtube'}}]")))
        .isEqualTo(Platform.YOUTUBE);
  }

  @Test
  void theFirstItemThatNamesAKnownPlatformIsUsed() {
    List<?> items =
        items(
            "[42, {'meta': null}, {'meta': {'id': '1'}}, {'meta': {'platform': ''}},"
                + " {'meta': {'platform': 'myspace'}}, {'meta': {'platform': 'youtube'}},"
                + " {'meta': {'platform': 'tiktok'}}]");

    assertThat(BatchPlatform.resolve(null, items)).isEqualTo(Platform.YOUTUBE);
  }

  @Test
  void anUnrecognisedPayloadPlatformFallsBackToTheItems() {
    assertThat(
            BatchPlatform.resolve(
                Platform.from("tik-tok"), items("[{'meta': {'platform': 'TIKTOK'}}]")))
        .isEqualTo(Platform.TIKTOK);
  }

  @Test
  void givenNothingToGoBy_thePlatformIsUnknown() {
    assertThat(BatchPlatform.resolve(null, List.of())).isEqualTo(Platform.UNKNOWN);
    assertThat(BatchPlatform.resolve(null, null)).isEqualTo(Platform.UNKNOWN);
    assertThat(BatchPlatform.resolve(null, items("[{'meta': {'platform': null}}, 'x']")))
        .isEqualTo(Platform.UNKNOWN);
  }

  @Test
  void theEventContextsPlatformIsThePayloadPlatform() {
    EventContext noPlatform = EventContext.of(EventId.of("e"));

    assertThat(BatchPlatform.of(noPlatform, items("[{'meta': {'platform': 'TIKTOK'}}]")))
        .isEqualTo(Platform.TIKTOK);
  }
}
