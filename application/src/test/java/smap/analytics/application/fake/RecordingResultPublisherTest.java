package smap.analytics.application.fake;

import smap.analytics.application.port.out.ResultPublisherPort;
import smap.analytics.application.port.out.ResultPublisherPortContractTest;
import smap.analytics.domain.batch.AnalyzeResult;

class RecordingResultPublisherTest extends ResultPublisherPortContractTest {
  private final RecordingResultPublisher publisher = new RecordingResultPublisher();

  @Override
  protected ResultPublisherPort routedPublisher() {
    return publisher;
  }

  @Override
  protected AnalyzeResult received(String messageId) {
    return publisher.published().stream()
        .filter(m -> m.messageId().equals(messageId))
        .reduce((a, b) -> b)
        .map(m -> m.result())
        .orElse(null);
  }
}
