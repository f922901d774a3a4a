package smap.analytics.domain.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FlagScopeTest {

  @Test
  void aPlatformScopeIsUpperCased() {
    assertThat(FlagScope.platform(" tiktok ")).isEqualTo(FlagScope.platform("TIKTOK"));
    assertThat(FlagScope.platform("tiktok").platform()).isEqualTo("TIKTOK");
    assertThat(FlagScope.platform("tiktok").global()).isFalse();
  }

  @Test
  void aProjectScopeKeepsTheIdsCaseButNotItsBlanks() {
    assertThat(FlagScope.project(" Proj_XYZ ").projectId()).isEqualTo("Proj_XYZ");
  }

  @Test
  void aScopeNamesAPlatformOrAProjectNotBoth() {
    assertThatThrownBy(() -> new FlagScope("TIKTOK", "proj")).hasMessageContaining("not both");
  }

  @Test
  void theGlobalScopeNamesNeither() {
    assertThat(FlagScope.GLOBAL.global()).isTrue();
    assertThat(new FlagScope(null, null)).isEqualTo(FlagScope.GLOBAL);
  }

  @ParameterizedTest
  @CsvSource({
    "global, global",
    "platform:TIKTOK, platform:TIKTOK",
    "platform:youtube, platform:YOUTUBE",
    "project:proj_xyz, project:proj_xyz",
    "project:fc5d5ffb-36cc-4c8d-a288-f5215af7fb80, project:fc5d5ffb-36cc-4c8d-a288-f5215af7fb80",
    "instance:canary-1, instance:canary-1",
    "instance: analytics-7f9c ,instance:analytics-7f9c"
  })
  void theStoredFormRoundTrips(String text, String stored) {
    FlagScope scope = FlagScope.parse(text);

    assertThat(scope).hasToString(stored);
    assertThat(FlagScope.parse(scope.toString())).isEqualTo(scope);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void nothingIsTheGlobalScope(String text) {
    assertThat(FlagScope.parse(text)).isEqualTo(FlagScope.GLOBAL);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"platform:", "platform:  ", "project:", "project: ", "instance:", "instance: "})
  void aScopeWithoutItsNameIsRefusedNotWidenedToGlobal(String text) {
    // an operator who meant one platform must not switch the flag for everyone
    assertThatThrownBy(() -> FlagScope.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GLOBAL", "tiktok", "platform=TIKTOK", "team:x"})
  void anotherFormIsRefused(String text) {
    assertThatThrownBy(() -> FlagScope.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void theFactoriesRefuseABlankName() {
    assertThatThrownBy(() -> FlagScope.platform(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FlagScope.project("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FlagScope.instance(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anInstanceScopeNamesOnlyTheInstance() {
    assertThat(FlagScope.instance("canary-1").instanceId()).isEqualTo("canary-1");
    assertThat(FlagScope.instance("canary-1").global()).isFalse();
    assertThatThrownBy(() -> new FlagScope(null, "proj", "canary-1"))
        .hasMessageContaining("not both");
  }
}
