package smap.analytics.domain.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorCodePolicyTest {

  @Test
  void theDefaultsAreTheOriginalsRetryableAndPermanentSets() {
    ErrorCodePolicy defaults = ErrorCodePolicy.defaults();

    assertThat(defaults.transientCodes())
        .containsExactlyInAnyOrder(
            "RATE_LIMITED",
            "AUTH_FAILED",
            "ACCESS_DENIED",
            "NETWORK_ERROR",
            "TIMEOUT",
            "CONNECTION_REFUSED",
            "DNS_ERROR",
            "STORAGE_ERROR",
            "UPLOAD_FAILED",
            "DATABASE_ERROR");
    assertThat(defaults.permanentCodes())
        .containsExactlyInAnyOrder(
            "CONTENT_REMOVED",
            "CONTENT_NOT_FOUND",
            "CONTENT_UNAVAILABLE",
            "PARSE_ERROR",
            "INVALID_URL",
            "INVALID_RESPONSE",
            "MEDIA_DOWNLOAD_FAILED",
            "MEDIA_TOO_LARGE",
            "MEDIA_FORMAT_ERROR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UNKNOWN_ERROR", "INTERNAL_ERROR", "SOMETHING_NEW"})
  void aCodeInNeitherListIsPermanent(String code) {
    assertThat(ErrorCodePolicy.defaults().isTransient(ErrorCode.of(code))).isFalse();
  }

  @Test
  void theSettingsDecideOverTheDefaults() {
    // the crawler guide's documented (never implemented) settings
    ErrorCodePolicy policy =
        new ErrorCodePolicy(
            ErrorCodePolicy.parseList(
                "NETWORK_ERROR,TIMEOUT,RATE_LIMITED,CONTENT_UNAVAILABLE,STORAGE_ERROR"),
            ErrorCodePolicy.parseList(
                "CONTENT_REMOVED,CONTENT_NOT_FOUND,INVALID_URL,ACCESS_DENIED"));

    assertThat(policy.isTransient(ErrorCode.of("CONTENT_UNAVAILABLE"))).isTrue();
    assertThat(policy.isTransient(ErrorCode.of("ACCESS_DENIED"))).isFalse();
    assertThat(policy.isTransient(ErrorCode.of("DNS_ERROR"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "TIMEOUT| TIMEOUT",
        "TIMEOUT,RATE_LIMITED| TIMEOUT,RATE_LIMITED",
        "' TIMEOUT , RATE_LIMITED '| TIMEOUT,RATE_LIMITED",
        "TIMEOUT,,RATE_LIMITED,| TIMEOUT,RATE_LIMITED",
        "timeout,Rate_Limited| TIMEOUT,RATE_LIMITED",
        "TIMEOUT,TIMEOUT| TIMEOUT",
        "MY_OWN_CODE| MY_OWN_CODE"
      })
  void aListIsCommaSeparatedCodesAnyCaseBlanksAllowed(String raw, String expected) {
    assertThat(ErrorCodePolicy.parseList(raw.replace("'", "")))
        .containsExactly(expected.strip().split(","));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", ",", " , ,"})
  void anEmptyListHasNoCodes(String raw) {
    assertThat(ErrorCodePolicy.parseList(raw)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "TIMEOUT;RATE_LIMITED",
        "TIMEOUT RATE_LIMITED",
        "TIMEOUT,rate limited!",
        "[TIMEOUT]",
        "TIMEOUT,\"RATE_LIMITED\""
      })
  void aMalformedListIsRefusedNamingTheBadEntry(String raw) {
    // a typo must not silently become a code nobody sends (TIMEOUT;RATE_LIMITED -> TIMEOUT_RATE...)
    assertThatThrownBy(() -> ErrorCodePolicy.parseList(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an error code");
  }

  @Test
  void anOverlongCodeIsRefused() {
    assertThatThrownBy(() -> ErrorCodePolicy.parseList("A".repeat(ErrorCode.MAX_LENGTH + 1)))
        .hasMessageContaining("not an error code");
  }

  @Test
  void aCodeCannotBeBothTransientAndPermanent() {
    assertThatThrownBy(() -> new ErrorCodePolicy(Set.of("TIMEOUT", "DNS_ERROR"), Set.of("TIMEOUT")))
        .hasMessageContaining("both transient and permanent")
        .hasMessageContaining("TIMEOUT")
        .hasMessageNotContaining("DNS_ERROR");
  }

  @Test
  void codesGivenToThePolicyAreComparedAsNormalisedCodes() {
    ErrorCodePolicy policy = new ErrorCodePolicy(Set.of(" timeout "), Set.of());

    assertThat(policy.isTransient(ErrorCode.of("TIMEOUT"))).isTrue();
    assertThat(policy.transientCodes()).containsExactly("TIMEOUT");
  }

  @Test
  void theSameCodeInTwoSpellingsIsStillAConflict() {
    assertThatThrownBy(() -> new ErrorCodePolicy(Set.of("timeout"), Set.of("TIMEOUT")))
        .hasMessageContaining("both transient and permanent");
  }

  @Test
  void thePolicysSetsCannotBeChangedFromOutside() {
    java.util.Set<String> transients = new java.util.HashSet<>(Set.of("TIMEOUT"));
    ErrorCodePolicy policy = new ErrorCodePolicy(transients, Set.of());

    transients.add("DNS_ERROR");

    assertThat(policy.isTransient(ErrorCode.of("DNS_ERROR"))).isFalse();
    assertThatThrownBy(() -> policy.transientCodes().add("X"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
