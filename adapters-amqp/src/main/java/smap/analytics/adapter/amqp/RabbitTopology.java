package smap.analytics.adapter.amqp;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter helper: declares the topology of CONTRACT 1 idempotently. An input queue that already
 * exists with other arguments (the original declared it without a dead-letter exchange) is used as
 * it is, with a warning, instead of crashing.
 */
public final class RabbitTopology {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitTopology.class);

  private RabbitTopology() {}

  /** Declares everything; returns the warnings (empty when the topology is as designed). */
  public static List<String> declare(Connection connection, RabbitSettings s) {
    return declare(connection, s, true);
  }

  /**
   * Declares everything; with {@code queueArguments} false the queues are declared without
   * RabbitMQ's queue arguments (dead-letter exchange), for an AMQP 0-9-1 broker that refuses them
   * (the demo's embedded broker closes the connection on an unknown argument). Poison messages are
   * still parked by the consumer's explicit publish to the dead-letter exchange.
   */
  public static List<String> declare(
      Connection connection, RabbitSettings s, boolean queueArguments) {
    List<String> warnings = new ArrayList<>();
    if (!queueArguments) {
      warnings.add(
          "the broker takes no queue arguments: queues declared without a dead-letter exchange"
              + " (poison messages are parked by explicit publish)");
    }
    try {
      Channel channel = connection.createChannel();
      channel.exchangeDeclare(s.eventExchange(), BuiltinExchangeType.TOPIC, true);
      channel.exchangeDeclare(s.publishExchange(), BuiltinExchangeType.TOPIC, true);
      channel.exchangeDeclare(s.deadLetterExchange(), BuiltinExchangeType.DIRECT, true);
      channel.queueDeclare(s.deadLetterQueue(), true, false, false, null);
      channel.queueBind(s.deadLetterQueue(), s.deadLetterExchange(), s.eventQueue());
      channel.queueBind(s.deadLetterQueue(), s.deadLetterExchange(), s.legacyQueue());
      Map<String, Object> arguments =
          new LinkedHashMap<>(deadLettering(s, s.eventQueue(), queueArguments));
      if (queueArguments && s.quorum()) {
        arguments.put("x-queue-type", "quorum");
        arguments.put("x-delivery-limit", s.eventQueueDeliveryLimit());
      }
      channel = declareQueue(connection, channel, s.eventQueue(), arguments, warnings);
      channel.queueBind(s.eventQueue(), s.eventExchange(), s.eventRoutingKey());
      Map<String, Object> legacyArguments = deadLettering(s, s.legacyQueue(), queueArguments);
      channel = declareQueue(connection, channel, s.legacyQueue(), legacyArguments, warnings);
      channel.close();
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException("declaring the broker topology failed: " + e.getMessage(), e);
    }
    warnings.forEach(LOG::warn);
    return List.copyOf(warnings);
  }

  /** The queue arguments that dead-letter {@code queue}, or none for a plain AMQP broker. */
  private static Map<String, Object> deadLettering(
      RabbitSettings s, String queue, boolean queueArguments) {
    return queueArguments
        ? Map.of(
            "x-dead-letter-exchange", s.deadLetterExchange(), "x-dead-letter-routing-key", queue)
        : Map.of();
  }

  private static Channel declareQueue(
      Connection connection,
      Channel channel,
      String queue,
      Map<String, Object> arguments,
      List<String> warnings)
      throws IOException {
    try {
      channel.queueDeclare(queue, true, false, false, arguments);
      return channel;
    } catch (IOException e) {
      if (!String.valueOf(e.getCause()).contains("PRECONDITION_FAILED")) {
        throw e;
      }
      Channel fresh = connection.createChannel();
      fresh.queueDeclarePassive(queue);
      warnings.add(
          "queue '"
              + queue
              + "' already exists with other arguments than "
              + arguments
              + " (another queue type or no dead-letter exchange); using it as it is (poison"
              + " messages are parked by explicit publish instead)");
      return fresh;
    }
  }
}
