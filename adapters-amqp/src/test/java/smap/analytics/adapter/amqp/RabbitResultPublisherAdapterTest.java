package smap.analytics.adapter.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.message.JsonFixtures;

/** The result message's body (CONTRACT 6): the wire format lives in this adapter. */
class RabbitResultPublisherAdapterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "analyze_result_flat_48of50.json",
        "analyze_result_flat_minio_failure.json",
        "analyze_result_flat_collector_contract_v2.json"
      })
  void theBodyHasExactlyTheSixFieldsOfTheContractSamplesInTheirOrder(String sample)
      throws Exception {
    Map<String, Object> expected =
        JSON.readValue(
            JsonFixtures.sampleBytes(sample),
            new TypeReference<LinkedHashMap<String, Object>>() {});
    AnalyzeResult result = JsonFixtures.result(expected);

    Map<String, Object> body =
        JSON.readValue(
            RabbitResultPublisherAdapter.body(result),
            new TypeReference<LinkedHashMap<String, Object>>() {});

    assertThat(body).isEqualTo(expected);
    assertThat(body.keySet()).containsExactlyElementsOf(expected.keySet());
  }

  @Test
  void theBodyIsCompactJsonWithAMissingJobIdAsNull() {
    assertThat(
            new String(
                RabbitResultPublisherAdapter.body(new AnalyzeResult("p", null, 0, 0, 0)),
                StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"project_id\":\"p\",\"job_id\":null,\"task_type\":\"analyze_result\","
                + "\"batch_size\":0,\"success_count\":0,\"error_count\":0}");
  }
}
