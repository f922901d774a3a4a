package smap.analytics.application.fake;

import java.util.ArrayList;
import java.util.List;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.ResultPublisherPort;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;

/** Fake: records what was published; answers with a chosen outcome or a broker outage. */
public final class RecordingResultPublisher implements ResultPublisherPort {

  private final List<OutboxMessage> published = new ArrayList<>();
  private PublishOutcome answer = PublishOutcome.CONFIRMED;
  private boolean down;

  public synchronized void answer(PublishOutcome outcome) {
    this.answer = outcome;
  }

  public synchronized void setDown(boolean down) {
    this.down = down;
  }

  public synchronized List<OutboxMessage> published() {
    return List.copyOf(published);
  }

  @Override
  public synchronized PublishOutcome publish(OutboxMessage message) {
    if (down) {
      throw new DependencyUnavailableException(
          Dependency.BROKER, "connection refused (fake)", null);
    }
    published.add(message);
    return answer;
  }
}
