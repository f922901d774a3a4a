package smap.analytics.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import smap.analytics.domain.message.JsonFixtures;

class AnalyzeResultTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "analyze_result_flat_48of50.json",
        "analyze_result_flat_minio_failure.json",
        "analyze_result_flat_collector_contract_v2.json"
      })
  void theContractSamplesAreResultsOfThisKind(String sample) {
    @SuppressWarnings("unchecked")
    Map<String, Object> expected = (Map<String, Object>) JsonFixtures.sample(sample);
    AnalyzeResult result = JsonFixtures.result(expected);

    assertThat(expected.get("task_type")).isEqualTo(AnalyzeResult.TASK_TYPE);
    assertThat(result.successCount() + result.errorCount()).isEqualTo(result.batchSize());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void givenNoProjectId_aResultCannotBeMade(String projectId) {
    assertThatThrownBy(() -> new AnalyzeResult(projectId, "job", 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("projectId");
  }

  @ParameterizedTest
  @CsvSource({"50, 48, 1", "50, 50, 1", "2, 1, 0", "0, 0, 1"})
  void givenCountsThatDoNotAddUp_aResultCannotBeMade(int size, int success, int error) {
    assertThatThrownBy(() -> new AnalyzeResult("p", "j", size, success, error))
        .hasMessageContaining("must equal batchSize");
  }

  @ParameterizedTest
  @CsvSource({"0, -1, 1", "0, 1, -1"})
  void givenANegativeCount_aResultCannotBeMade(int size, int success, int error) {
    assertThatThrownBy(() -> new AnalyzeResult("p", "j", size, success, error))
        .hasMessageContaining(">= 0");
  }

  @Test
  void anEmptyBatchIsStillAResult() {
    // facts 6: an empty array is 0 items and its 0/0 result is still published
    assertThat(new AnalyzeResult("p", "j", 0, 0, 0).batchSize()).isZero();
  }

  @Test
  void aJobIdMayBeMissing() {
    // facts 10.1: job_id is echoed as the event had it, null included
    assertThat(new AnalyzeResult("p", null, 1, 1, 0).jobId()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"50, 50", "1, 1", "0, 1", "-3, 1"})
  void aBatchThatCouldNotBeReadCountsEveryExpectedItemAsAnError(int expected, int size) {
    AnalyzeResult result = AnalyzeResult.allFailed("proj_xyz", "proj_xyz-brand-0", expected);

    assertThat(result.batchSize()).isEqualTo(size);
    assertThat(result.successCount()).isZero();
    assertThat(result.errorCount()).isEqualTo(size);
  }
}
