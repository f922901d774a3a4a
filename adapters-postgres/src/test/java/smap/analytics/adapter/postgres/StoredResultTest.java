package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import smap.analytics.domain.batch.AnalyzeResult;

/** The outbox column's form of a result: the one rows written by earlier versions have. */
class StoredResultTest {

  private static final String STORED =
      "{\"project_id\":\"p\",\"job_id\":\"p-brand-0\",\"task_type\":\"analyze_result\","
          + "\"batch_size\":50,\"success_count\":48,\"error_count\":2}";

  @Test
  void aResultIsStoredAsTheSixFieldsOfTheCollectorsMessage() {
    assertThat(Json.write(StoredResult.fields(new AnalyzeResult("p", "p-brand-0", 50, 48, 2))))
        .isEqualTo(STORED);
  }

  @Test
  void aStoredRowReadsBackAsItsResult() {
    assertThat(StoredResult.read(Json.readMap(STORED)))
        .isEqualTo(new AnalyzeResult("p", "p-brand-0", 50, 48, 2));
    assertThat(
            StoredResult.read(
                Json.readMap(
                    "{\"project_id\":\"p\",\"job_id\":null,\"task_type\":\"analyze_result\","
                        + "\"batch_size\":0,\"success_count\":0,\"error_count\":0}")))
        .isEqualTo(new AnalyzeResult("p", null, 0, 0, 0));
  }
}
