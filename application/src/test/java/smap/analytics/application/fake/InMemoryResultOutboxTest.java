package smap.analytics.application.fake;

import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.application.port.out.ResultOutboxPortContractTest;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

class InMemoryResultOutboxTest extends ResultOutboxPortContractTest {
  private final InMemoryResultOutbox outbox = new InMemoryResultOutbox(RELAY);

  @Override
  protected ResultOutboxPort outbox() {
    return outbox;
  }

  @Override
  protected void seed(EventId eventId, AnalyzeResult result) {
    outbox.add(eventId, eventId.value(), result);
  }
}
