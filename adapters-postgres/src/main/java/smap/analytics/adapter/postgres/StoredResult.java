package smap.analytics.adapter.postgres;

import java.util.LinkedHashMap;
import java.util.Map;
import smap.analytics.domain.batch.AnalyzeResult;

/**
 * Adapter detail: how a result is kept in the outbox's {@code result} column, written when the
 * batch commits and read back by the relay and the console. The keys and their order are those of
 * the Collector's message (CONTRACT 6), so a row reads as what was or will be sent; rows written by
 * earlier versions have the same form.
 */
final class StoredResult {

  private static final String PROJECT_ID = "project_id";
  private static final String JOB_ID = "job_id";
  private static final String TASK_TYPE = "task_type";
  private static final String BATCH_SIZE = "batch_size";
  private static final String SUCCESS_COUNT = "success_count";
  private static final String ERROR_COUNT = "error_count";

  private StoredResult() {}

  /** The column's fields for {@code result}, in order (JSON-ready JDK types). */
  static Map<String, Object> fields(AnalyzeResult result) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(PROJECT_ID, result.projectId());
    fields.put(JOB_ID, result.jobId());
    fields.put(TASK_TYPE, AnalyzeResult.TASK_TYPE);
    fields.put(BATCH_SIZE, result.batchSize());
    fields.put(SUCCESS_COUNT, result.successCount());
    fields.put(ERROR_COUNT, result.errorCount());
    return fields;
  }

  /** The result a column's fields hold. */
  static AnalyzeResult read(Map<String, Object> fields) {
    return new AnalyzeResult(
        projectId(fields),
        jobId(fields),
        ((Number) fields.get(BATCH_SIZE)).intValue(),
        ((Number) fields.get(SUCCESS_COUNT)).intValue(),
        ((Number) fields.get(ERROR_COUNT)).intValue());
  }

  static String projectId(Map<String, Object> fields) {
    return (String) fields.get(PROJECT_ID);
  }

  static String jobId(Map<String, Object> fields) {
    return (String) fields.get(JOB_ID);
  }
}
