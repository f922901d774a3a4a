package smap.analytics.adapter.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.ArrayList;
import java.util.List;
import smap.analytics.application.port.out.console.BrokerStatusPort;
import smap.analytics.domain.console.QueueStatus;

/**
 * Adapter: the depth and consumers of the event, legacy and dead-letter queues, read by a passive
 * declare (which changes nothing); each queue on its own channel, as a missing queue closes the
 * channel that asked.
 */
public final class RabbitBrokerStatusAdapter implements BrokerStatusPort {

  private final Connection connection;
  private final RabbitSettings settings;

  public RabbitBrokerStatusAdapter(Connection connection, RabbitSettings settings) {
    this.connection = connection;
    this.settings = settings;
  }

  @Override
  public List<QueueStatus> queues() {
    List<QueueStatus> queues = new ArrayList<>();
    queues.add(status("events", settings.eventQueue()));
    queues.add(status("legacy", settings.legacyQueue()));
    queues.add(status(QueueStatus.DEAD_LETTER, settings.deadLetterQueue()));
    return queues;
  }

  private QueueStatus status(String role, String queue) {
    if (!connection.isOpen()) {
      return new QueueStatus(role, queue, -1, 0, "connection closed (recovering)");
    }
    try (Channel channel = connection.createChannel()) {
      AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
      return new QueueStatus(role, queue, ok.getMessageCount(), ok.getConsumerCount(), null);
    } catch (Exception e) {
      String message = e.getMessage();
      if (message == null && e.getCause() != null) {
        message = e.getCause().getMessage();
      }
      return new QueueStatus(role, queue, -1, 0, message == null ? e.toString() : message);
    }
  }
}
