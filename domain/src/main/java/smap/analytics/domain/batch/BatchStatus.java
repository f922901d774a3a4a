package smap.analytics.domain.batch;

/** Where a batch stands in the ledger. */
public enum BatchStatus {
  /** Being processed now, or its last attempt died before it finished. */
  PROCESSING,
  /** A transient failure; it will be tried again. */
  RETRYING,
  /** Every item was analysed and stored. */
  SUCCEEDED,
  /** Stored, but some items were crawler errors or failed our analysis. */
  PARTIAL,
  /** Gave up: object missing or retry budget spent. Replayable. */
  FAILED,
  /** Permanently unusable message (not JSON, no usable format, bad path). Kept with its body. */
  REJECTED,
  /** Crashed the consumer repeatedly; set aside until an operator unparks it. */
  PARKED;

  /** True when the batch's effects are final and a redelivery must change nothing. */
  public boolean terminal() {
    return this == SUCCEEDED
        || this == PARTIAL
        || this == FAILED
        || this == REJECTED
        || this == PARKED;
  }

  /**
   * True when an operator may replay the batch: any finished one (a rejected message may become
   * acceptable when a format flag is switched back on; a parked one is unparked by a replay).
   */
  public boolean replayable() {
    return terminal();
  }
}
