package smap.analytics.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.ResultPublisherPort.PublishOutcome;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

/** Contract of {@link ResultPublisherPort}: the recording fake and the RabbitMQ adapter pass it. */
public abstract class ResultPublisherPortContractTest {

  /** A publisher whose results reach the Collector. */
  protected abstract ResultPublisherPort routedPublisher();

  /**
   * The result the Collector received under {@code messageId}, or null. (The message's form, six
   * JSON fields in the contract's order, is the adapter's and tested with it.)
   */
  protected abstract AnalyzeResult received(String messageId) throws Exception;

  @Test
  void aResultIsConfirmedAndArrivesAsSent() throws Exception {
    OutboxMessage message =
        new OutboxMessage(
            1,
            EventId.of("evt-1"),
            "evt-1",
            new AnalyzeResult("proj", "proj-brand-0", 50, 48, 2),
            1);

    assertThat(routedPublisher().publish(message)).isEqualTo(PublishOutcome.CONFIRMED);
    assertThat(received("evt-1")).isEqualTo(new AnalyzeResult("proj", "proj-brand-0", 50, 48, 2));
  }

  @Test
  void eachResultKeepsItsOwnMessageId() throws Exception {
    ResultPublisherPort publisher = routedPublisher();
    publisher.publish(
        new OutboxMessage(
            1, EventId.of("evt-2"), "evt-2", new AnalyzeResult("p", "p-brand-0", 1, 1, 0), 1));
    publisher.publish(
        new OutboxMessage(
            2,
            EventId.of("evt-2"),
            "evt-2#replay-1",
            new AnalyzeResult("p", "p-brand-0", 1, 0, 1),
            1));

    assertThat(received("evt-2")).isEqualTo(new AnalyzeResult("p", "p-brand-0", 1, 1, 0));
    assertThat(received("evt-2#replay-1")).isEqualTo(new AnalyzeResult("p", "p-brand-0", 1, 0, 1));
  }
}
