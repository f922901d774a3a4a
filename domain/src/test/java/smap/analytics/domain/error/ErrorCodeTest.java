package smap.analytics.domain.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

  @Test
  void theConstantsInitialise() {
    assertThat(ErrorCode.UNKNOWN_ERROR.value()).isEqualTo("UNKNOWN_ERROR");
    assertThat(ErrorCode.INTERNAL_ERROR.category()).isEqualTo(ErrorCategory.GENERIC);
  }

  @Test
  void thereAreTwentyOneKnownCodesInSevenCategories() {
    assertThat(KnownErrorCode.values()).hasSize(21);
    assertThat(ErrorCategory.values()).hasSize(7);
  }

  @ParameterizedTest
  @EnumSource(KnownErrorCode.class)
  void everyKnownCodeKeepsItsCategory(KnownErrorCode known) {
    assertThat(ErrorCode.of(known.name()).category()).isEqualTo(known.category());
  }

  @ParameterizedTest
  @CsvSource({"DATABASE_ERROR, storage", "RATE_LIMITED, rate_limiting", "SOMETHING_NEW, generic"})
  void categoriesOfContract4(String code, String category) {
    assertThat(ErrorCode.of(code).category().label()).isEqualTo(category);
  }

  @Test
  void missingOrMalformedCodesAreKeptNotLost() {
    assertThat(ErrorCode.of(null)).isEqualTo(ErrorCode.UNKNOWN_ERROR);
    assertThat(ErrorCode.of("  ")).isEqualTo(ErrorCode.UNKNOWN_ERROR);
    assertThat(ErrorCode.of("rate limited!").value()).isEqualTo("RATE_LIMITED_");
    assertThat(ErrorCode.of("X".repeat(80)).value()).hasSize(ErrorCode.MAX_LENGTH);
    assertThatThrownBy(() -> new ErrorCode("bad code")).hasMessageContaining("got 'bad code'");
  }

  @Test
  void defaultPolicySplitsTransientFromPermanent() {
    ErrorCodePolicy policy = ErrorCodePolicy.defaults();
    assertThat(policy.isTransient(ErrorCode.of("RATE_LIMITED"))).isTrue();
    assertThat(policy.isTransient(ErrorCode.of("CONTENT_REMOVED"))).isFalse();
  }
}
