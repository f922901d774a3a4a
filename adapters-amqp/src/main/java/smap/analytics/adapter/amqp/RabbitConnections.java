package smap.analytics.adapter.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MetricsCollector;
import com.rabbitmq.client.NoOpMetricsCollector;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;

/** Adapter helper: the process's one broker connection, with automatic recovery. */
public final class RabbitConnections {

  private RabbitConnections() {}

  /**
   * Opens the connection; {@code consumerThreads} dispatch deliveries (one per concurrent batch, so
   * a long batch never delays another channel's delivery).
   */
  public static Connection open(RabbitSettings settings, String name, int consumerThreads) {
    return open(settings, name, consumerThreads, new NoOpMetricsCollector());
  }

  /** As {@link #open(RabbitSettings, String, int)}, counting connections, channels and messages. */
  public static Connection open(
      RabbitSettings settings, String name, int consumerThreads, MetricsCollector metrics) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setMetricsCollector(metrics);
    try {
      factory.setUri(settings.url());
    } catch (Exception e) {
      throw new IllegalArgumentException("RABBITMQ_URL: " + e.getMessage(), e);
    }
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(2_000);
    factory.setConnectionTimeout(5_000);
    factory.setRequestedHeartbeat(30);
    ExecutorService dispatch =
        Executors.newFixedThreadPool(
            Math.max(2, consumerThreads),
            r -> {
              Thread t = new Thread(r, "amqp-consumer");
              t.setDaemon(true);
              return t;
            });
    factory.setSharedExecutor(dispatch);
    try {
      return factory.newConnection(name);
    } catch (Exception e) {
      dispatch.shutdown();
      throw new DependencyUnavailableException(
          Dependency.BROKER,
          "cannot connect to RabbitMQ at "
              + settings.url().getHost()
              + ":"
              + settings.url().getPort()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
