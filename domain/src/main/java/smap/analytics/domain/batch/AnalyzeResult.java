package smap.analytics.domain.batch;

/**
 * The flat per-batch result the Collector reads (CONTRACT 6): the batch's project, job and counts.
 * Its kind is the constant {@link #TASK_TYPE}. How it is written (six JSON fields on the wire, the
 * same six in the outbox's column) is the business of the adapters that send and store it.
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

  /** The result for a batch that could not be read at all: every expected item is an error. */
  public static AnalyzeResult allFailed(String projectId, String jobId, int batchSize) {
    int size = Math.max(batchSize, 1);
    return new AnalyzeResult(projectId, jobId, size, 0, size);
  }
}
