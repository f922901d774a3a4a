package smap.analytics.domain.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnownErrorCodeTest {

  /** Facts 4.1, row by row: code, category, in the original's retryable set. */
  @ParameterizedTest(name = "{0} is {1}, transient={2}")
  @CsvSource({
    "RATE_LIMITED, rate_limiting, true",
    "AUTH_FAILED, rate_limiting, true",
    "ACCESS_DENIED, rate_limiting, true",
    "CONTENT_REMOVED, content, false",
    "CONTENT_NOT_FOUND, content, false",
    "CONTENT_UNAVAILABLE, content, false",
    "NETWORK_ERROR, network, true",
    "TIMEOUT, network, true",
    "CONNECTION_REFUSED, network, true",
    "DNS_ERROR, network, true",
    "PARSE_ERROR, parsing, false",
    "INVALID_URL, parsing, false",
    "INVALID_RESPONSE, parsing, false",
    "MEDIA_DOWNLOAD_FAILED, media, false",
    "MEDIA_TOO_LARGE, media, false",
    "MEDIA_FORMAT_ERROR, media, false",
    "STORAGE_ERROR, storage, true",
    "UPLOAD_FAILED, storage, true",
    "DATABASE_ERROR, storage, true",
    "UNKNOWN_ERROR, generic, false",
    "INTERNAL_ERROR, generic, false"
  })
  void everyCodeOfFacts41HasItsCategoryAndDefault(
      String code, String category, boolean transientByDefault) {
    KnownErrorCode known = KnownErrorCode.valueOf(code);

    assertThat(known.category().label()).isEqualTo(category);
    assertThat(known.transientByDefault()).isEqualTo(transientByDefault);
    assertThat(ErrorCode.of(code).known()).isEqualTo(known);
    assertThat(ErrorCode.of(code).category().label()).isEqualTo(category);
    assertThat(ErrorCodePolicy.defaults().isTransient(ErrorCode.of(code)))
        .isEqualTo(transientByDefault);
  }

  @Test
  void theCategoriesHoldThreeThreeFourThreeThreeThreeTwoCodes() {
    // facts 4.1: 21 codes, not the documents' 17
    assertThat(
            Arrays.stream(KnownErrorCode.values())
                .collect(Collectors.groupingBy(KnownErrorCode::category, Collectors.counting())))
        .containsEntry(ErrorCategory.RATE_LIMITING, 3L)
        .containsEntry(ErrorCategory.CONTENT, 3L)
        .containsEntry(ErrorCategory.NETWORK, 4L)
        .containsEntry(ErrorCategory.PARSING, 3L)
        .containsEntry(ErrorCategory.MEDIA, 3L)
        .containsEntry(ErrorCategory.STORAGE, 3L)
        .containsEntry(ErrorCategory.GENERIC, 2L);
  }

  @Test
  void databaseErrorIsStorageAsTheCodeSaysNotGenericAsTheGuideSays() {
    assertThat(ErrorCode.of("DATABASE_ERROR").category()).isEqualTo(ErrorCategory.STORAGE);
  }

  @ParameterizedTest
  @CsvSource({
    "rate_limiting, RATE_LIMITING",
    "content, CONTENT",
    "network, NETWORK",
    "parsing, PARSING",
    "media, MEDIA",
    "storage, STORAGE",
    "generic, GENERIC"
  })
  void theStoredLabelsAreExactlyTheContracts(String label, ErrorCategory category) {
    assertThat(category.label()).isEqualTo(label);
    assertThat(ErrorCategory.fromLabel(label)).isEqualTo(category);
  }

  @Test
  void anUnknownLabelIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ErrorCategory.fromLabel("unknown"))
        .hasMessageContaining("'unknown'");
  }
}
