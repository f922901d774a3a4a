package smap.analytics.bootstrap;

import com.rabbitmq.client.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.adapter.amqp.RabbitDeliveryConsumerAdapter;
import smap.analytics.adapter.amqp.RabbitSettings;
import smap.analytics.adapter.web.metrics.MicrometerPipelineMetricsAdapter;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.ProcessDeliveryUseCase;
import smap.analytics.application.service.FeatureFlagCache;
import smap.analytics.application.service.SteerConsumptionService;
import smap.analytics.bootstrap.config.ServiceSettings;

/**
 * Composition root: the queue consumer, steered by this instance's flags through {@link
 * SteerConsumptionService} on every flag change, with its gauges.
 */
final class ConsumerWiring {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerWiring.class);

  private ConsumerWiring() {}

  /**
   * Starts the consumer, closed through {@code resources} within what {@code remaining} leaves of
   * the shutdown budget; returns what blocks readiness (a stalled consumer). {@code resultStored}
   * runs after each delivery whose effects are durable (acknowledged), so the relay publishes its
   * result now instead of at its next periodic pass.
   */
  static Supplier<List<String>> start(
      ServiceSettings settings,
      Connection connection,
      RabbitSettings rabbit,
      ProcessDeliveryUseCase delivery,
      Runnable resultStored,
      FeatureFlagCache flagCache,
      MicrometerPipelineMetricsAdapter metrics,
      Clock clock,
      List<AutoCloseable> resources,
      UnaryOperator<Duration> remaining) {
    ServiceSettings.Deadlines deadlines = settings.deadlines();
    RabbitDeliveryConsumerAdapter consumer =
        new RabbitDeliveryConsumerAdapter(
            connection,
            rabbit,
            command -> {
              DeliveryOutcome outcome = delivery.process(command);
              if (outcome instanceof DeliveryOutcome.Acknowledge) {
                resultStored.run();
              }
              return outcome;
            },
            clock,
            settings.pipeline().retry().backoffRule(),
            deadlines.batch());
    flagCache.onChange(new SteerConsumptionService(consumer, settings.instanceId())::apply);
    consumer.start();
    resources.add(
        () -> {
          int left = consumer.close(remaining.apply(Duration.ofSeconds(5)));
          LOG.info("consumer stopped; {} deliveries still in flight were left to the broker", left);
        });
    metrics.gauge("analytics_batches_in_flight", "Deliveries being processed", consumer::inFlight);
    Duration stallAfter = deadlines.batch().plusSeconds(60);
    metrics.gauge(
        "analytics_consumer_stalled",
        "1 while deliveries are in flight and none started or finished for BATCH_TIMEOUT_SECONDS"
            + " + 60 s",
        () -> consumer.stalled(stallAfter).isPresent() ? 1 : 0);
    return () -> consumer.stalled(stallAfter).stream().toList();
  }
}
