package smap.analytics.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.ResultPublisherPort.PublishOutcome;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

/** Contract of {@link ResultPublisherPort}: the recording fake and the RabbitMQ adapter pass it. */
public abstract class ResultPublisherPortContractTest {

  /** A publisher whose results reach a bound queue. */
  protected abstract ResultPublisherPort routedPublisher();

  /** What the Collector received last, as JSON text, or null. */
  protected abstract String lastReceived(String messageId) throws Exception;

  @Test
  void aResultIsConfirmedAndArrivesWithExactlySixFields() throws Exception {
    OutboxMessage message =
        new OutboxMessage(
            1,
            EventId.of("evt-1"),
            "evt-1",
            new AnalyzeResult("proj", "proj-brand-0", 50, 48, 2),
            1);

    assertThat(routedPublisher().publish(message)).isEqualTo(PublishOutcome.CONFIRMED);
    assertThat(lastReceived("evt-1"))
        .isEqualTo(
            "{\"project_id\":\"proj\",\"job_id\":\"proj-brand-0\",\"task_type\":\"analyze_result\",\"batch_size\":50,\"success_count\":48,\"error_count\":2}");
  }
}
