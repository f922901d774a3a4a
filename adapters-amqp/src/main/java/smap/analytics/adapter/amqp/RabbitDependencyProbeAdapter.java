package smap.analytics.adapter.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import smap.analytics.application.port.out.DependencyProbePort;

/** Adapter: checks the broker connection and that the input queue is there. */
public final class RabbitDependencyProbeAdapter implements DependencyProbePort {

  private final Connection connection;
  private final String queue;

  public RabbitDependencyProbeAdapter(Connection connection, String queue) {
    this.connection = connection;
    this.queue = queue;
  }

  @Override
  public String name() {
    return "rabbitmq";
  }

  @Override
  public Probe probe() {
    if (!connection.isOpen()) {
      return new Probe(false, "connection closed (recovering)");
    }
    try (Channel channel = connection.createChannel()) {
      var ok = channel.queueDeclarePassive(queue);
      return new Probe(
          true,
          queue + ": " + ok.getMessageCount() + " ready, " + ok.getConsumerCount() + " consumers");
    } catch (Exception e) {
      return new Probe(false, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }
}
