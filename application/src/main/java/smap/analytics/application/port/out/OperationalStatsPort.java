package smap.analytics.application.port.out;

/**
 * Outgoing port: the stored state an operator alerts on (outbox and parked batches), read at once.
 */
public interface OperationalStatsPort {

  /** Reads every figure in one round trip; throws a port-level exception when the store is away. */
  OperationalStats read();

  /**
   * What the store holds now.
   *
   * @param outboxBacklog results not yet published (pending or failed)
   * @param unroutableResults results the broker returned because no queue was bound
   * @param oldestPendingSeconds age of the oldest unpublished result, 0 when there is none
   * @param parkedBatches batches whose ledger status is PARKED
   */
  record OperationalStats(
      long outboxBacklog,
      long unroutableResults,
      double oldestPendingSeconds,
      long parkedBatches) {}
}
