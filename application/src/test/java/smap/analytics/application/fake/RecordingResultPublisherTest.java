package smap.analytics.application.fake;

import java.util.Map;
import smap.analytics.application.port.out.ResultPublisherPort;
import smap.analytics.application.port.out.ResultPublisherPortContractTest;

class RecordingResultPublisherTest extends ResultPublisherPortContractTest {
  private final RecordingResultPublisher publisher = new RecordingResultPublisher();

  @Override
  protected ResultPublisherPort routedPublisher() {
    return publisher;
  }

  @Override
  protected Map<String, Object> received(String messageId) {
    return publisher.published().stream()
        .filter(m -> m.messageId().equals(messageId))
        .reduce((a, b) -> b)
        .map(m -> m.result().fields())
        .orElse(null);
  }
}
