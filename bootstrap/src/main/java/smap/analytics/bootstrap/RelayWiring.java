package smap.analytics.bootstrap;

import com.rabbitmq.client.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.adapter.amqp.RabbitResultPublisherAdapter;
import smap.analytics.adapter.amqp.RabbitSettings;
import smap.analytics.adapter.web.metrics.MicrometerPipelineMetricsAdapter;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.application.service.FeatureFlagCache;
import smap.analytics.application.service.RelayResultsService;
import smap.analytics.bootstrap.config.ServiceSettings;

/**
 * Composition root: the outbox relay, a pass of it ({@code RelayResultsUseCase.relayDue}) as soon
 * as a batch has stored its result and at the latest 200 ms after the last one ended, and the marks
 * of broker answers kept through an outage, recorded at shutdown before the connections close.
 */
final class RelayWiring {

  private static final Logger LOG = LoggerFactory.getLogger(RelayWiring.class);

  private RelayWiring() {}

  /** What the relay is built on. */
  record Parts(
      ResultOutboxPort outbox,
      Connection connection,
      RabbitSettings rabbit,
      MicrometerPipelineMetricsAdapter metrics,
      FeatureFlagCache flagCache,
      Clock clock) {}

  /** Starts the relay; returns its wake-up, to call when a result has been stored. */
  static Runnable start(
      Parts parts,
      ServiceSettings settings,
      Background background,
      List<AutoCloseable> resources,
      UnaryOperator<Duration> remaining) {
    RabbitResultPublisherAdapter publisher =
        new RabbitResultPublisherAdapter(parts.connection(), parts.rabbit());
    resources.add(publisher);
    RelayResultsService relay =
        new RelayResultsService(
            parts.outbox(),
            publisher,
            parts.metrics(),
            parts.flagCache(),
            parts.clock(),
            settings.pipeline().retry().backoffRule(),
            settings.deadlines().outboxLease(),
            settings.unroutableRetry());
    // Closed after the relay loop stops: the broker answers kept through an outage are recorded
    // before the connections close.
    resources.add(
        () -> {
          int left = relay.flush(remaining.apply(Duration.ofSeconds(1)));
          if (left > 0) {
            LOG.error(
                "{} confirmed results could not be marked published before exit; another"
                    + " instance republishes them after OUTBOX_LEASE_SECONDS",
                left);
          }
        });
    return background.whenWoken(
        "outbox-relay", Duration.ofMillis(200), Duration.ofMillis(200), relay::relayDue);
  }
}
