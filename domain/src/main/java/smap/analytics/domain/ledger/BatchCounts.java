package smap.analytics.domain.ledger;

/**
 * A batch's item tally. {@code succeeded + crawlerErrors + analysisErrors == items}.
 *
 * @param expected the platform's full batch size, for the mismatch mark
 */
public record BatchCounts(
    int items, int succeeded, int crawlerErrors, int analysisErrors, int expected) {
  public static final BatchCounts NONE = new BatchCounts(0, 0, 0, 0, 0);

  public BatchCounts {
    if (succeeded + crawlerErrors + analysisErrors != items) {
      throw new IllegalArgumentException(
          "succeeded + crawlerErrors + analysisErrors must equal items, got "
              + succeeded
              + " + "
              + crawlerErrors
              + " + "
              + analysisErrors
              + " != "
              + items);
    }
  }

  public int errors() {
    return crawlerErrors + analysisErrors;
  }

  /** True when the batch had not the platform's full size (a warning, never a rejection). */
  public boolean sizeMismatch() {
    return expected > 0 && items != expected;
  }
}
