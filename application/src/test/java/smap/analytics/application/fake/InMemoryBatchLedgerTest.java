package smap.analytics.application.fake;

import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchLedgerPortContractTest;
import smap.analytics.application.port.out.ResultOutboxPort;

class InMemoryBatchLedgerTest extends BatchLedgerPortContractTest {
  private final InMemoryResultOutbox outbox = new InMemoryResultOutbox();
  private final InMemoryBatchLedger ledger = new InMemoryBatchLedger(outbox);

  @Override
  protected BatchLedgerPort ledger() {
    return ledger;
  }

  @Override
  protected ResultOutboxPort outbox() {
    return outbox;
  }
}
