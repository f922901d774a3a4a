package smap.analytics.domain.batch;

/**
 * The flat per-batch result the Collector reads (CONTRACT 6): exactly six fields on the wire,
 * {@code task_type} being the constant {@link #TASK_TYPE}.
 */
public record AnalyzeResult(
    String projectId, String jobId, int batchSize, int successCount, int errorCount) {
  public static final String TASK_TYPE = "analyze_result";

  public AnalyzeResult {
    if (projectId == null || projectId.isBlank()) {
      throw new IllegalArgumentException("projectId must not be blank: never publish without one");
    }
    if (successCount < 0 || errorCount < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, got success=" + successCount + " error=" + errorCount);
    }
    if (successCount + errorCount != batchSize) {
      throw new IllegalArgumentException(
          "successCount + errorCount must equal batchSize, got "
              + successCount
              + " + "
              + errorCount
              + " != "
              + batchSize);
    }
  }

  /** The six fields of the wire message, in the contract's order (JSON-ready JDK types). */
  public java.util.Map<String, Object> fields() {
    java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
    map.put("project_id", projectId);
    map.put("job_id", jobId);
    map.put("task_type", TASK_TYPE);
    map.put("batch_size", batchSize);
    map.put("success_count", successCount);
    map.put("error_count", errorCount);
    return map;
  }

  /** The result for a batch that could not be read at all: every expected item is an error. */
  public static AnalyzeResult allFailed(String projectId, String jobId, int batchSize) {
    int size = Math.max(batchSize, 1);
    return new AnalyzeResult(projectId, jobId, size, 0, size);
  }
}
