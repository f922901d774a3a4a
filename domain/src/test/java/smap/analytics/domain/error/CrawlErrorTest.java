package smap.analytics.domain.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CrawlErrorTest {

  @Test
  void aMissingMessageIsEmptyAndMissingDetailsAreAnEmptyObject() {
    // facts 4.2: error_message default "", error_details default {}
    CrawlError error =
        new CrawlError(
            "1", "TIKTOK", ErrorCode.UNKNOWN_ERROR, false, ErrorSource.CRAWLER, null, null, null);

    assertThat(error.message()).isEmpty();
    assertThat(error.details()).isEmpty();
    assertThat(error.category()).isEqualTo(ErrorCategory.GENERIC);
  }

  @Test
  void theCategoryIsTheCodes() {
    CrawlError error =
        new CrawlError(
            "1",
            "TIKTOK",
            ErrorCode.of("DATABASE_ERROR"),
            true,
            ErrorSource.CRAWLER,
            "m",
            Map.of("response_code", 500),
            "https://x");

    assertThat(error.category()).isEqualTo(ErrorCategory.STORAGE);
    assertThat(error.details()).containsEntry("response_code", 500);
  }

  @Test
  void aLongMessageIsCutWithAMarkerOfItsLength() {
    String message = "x".repeat(CrawlError.MAX_MESSAGE_LENGTH + 10);

    CrawlError error =
        new CrawlError(
            "1",
            "TIKTOK",
            ErrorCode.INTERNAL_ERROR,
            false,
            ErrorSource.ANALYTICS,
            message,
            null,
            null);

    assertThat(error.message())
        .startsWith("x".repeat(CrawlError.MAX_MESSAGE_LENGTH))
        .endsWith("… [4010 chars]");
  }

  @Test
  void aMessageOfExactlyTheLimitIsKept() {
    String message = "x".repeat(CrawlError.MAX_MESSAGE_LENGTH);

    assertThat(
            new CrawlError(
                    "1",
                    "T",
                    ErrorCode.INTERNAL_ERROR,
                    false,
                    ErrorSource.ANALYTICS,
                    message,
                    null,
                    null)
                .message())
        .isEqualTo(message);
  }

  @Test
  void idPlatformCodeAndSourceAreRequired() {
    assertThatThrownBy(
            () ->
                new CrawlError(
                    null, "T", ErrorCode.UNKNOWN_ERROR, false, ErrorSource.CRAWLER, "", null, null))
        .hasMessageContaining("contentId");
    assertThatThrownBy(
            () ->
                new CrawlError(
                    "1", null, ErrorCode.UNKNOWN_ERROR, false, ErrorSource.CRAWLER, "", null, null))
        .hasMessageContaining("platform");
    assertThatThrownBy(
            () -> new CrawlError("1", "T", null, false, ErrorSource.CRAWLER, "", null, null))
        .hasMessageContaining("code");
    assertThatThrownBy(
            () -> new CrawlError("1", "T", ErrorCode.UNKNOWN_ERROR, false, null, "", null, null))
        .hasMessageContaining("source");
  }

  @Test
  void sourcesAreStoredInLowerCase() {
    assertThat(ErrorSource.CRAWLER.label()).isEqualTo("crawler");
    assertThat(ErrorSource.ANALYTICS.label()).isEqualTo("analytics");
  }
}
