package smap.analytics.domain.retention;

/** What the retention job prunes, each with the table it removes rows (or bodies) from. */
public enum RetainedData {
  /** The raw message of finished batches (the ledger row stays, its body is cleared). */
  RAW_BODIES("batch_ledger.raw_body"),
  /** Outbox rows the broker confirmed. */
  SENT_OUTBOX("result_outbox"),
  /** Operator audit rows. */
  AUDIT("audit_log"),
  /** Crawl error rows (crawler and analytics errors). */
  CRAWL_ERRORS("crawl_errors");

  private final String table;

  RetainedData(String table) {
    this.table = table;
  }

  /** The table (and column) pruned, as named on the metric's {@code table} label. */
  public String table() {
    return table;
  }
}
