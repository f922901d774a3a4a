package smap.analytics.adapter.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's confirmed republishes on one channel: a crashed message back on its queue with its
 * crash count, or a poison message into the dead-letter queue. Each is confirmed before the
 * original is acked, so neither loses the message.
 */
final class RabbitRepublisher {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitDeliveryConsumerAdapter.class);
  private static final int MAX_HEADER_CHARS = 1_000;

  private final Channel channel;
  private final RabbitSettings settings;

  /** {@code channel} must be in confirm mode. */
  RabbitRepublisher(Channel channel, RabbitSettings settings) {
    this.channel = channel;
    this.settings = settings;
  }

  /** Puts a copy with the crash count back on the queue (confirmed), so the ack loses nothing. */
  synchronized boolean requeueCounted(
      String queue, AMQP.BasicProperties properties, byte[] body, int crashes, String reason) {
    Map<String, Object> headers = headers(properties);
    headers.put(RabbitDeliveryConsumerAdapter.CRASHES_HEADER, crashes);
    headers.put(
        RabbitDeliveryConsumerAdapter.LAST_CRASH_HEADER,
        reason.length() <= MAX_HEADER_CHARS ? reason : reason.substring(0, MAX_HEADER_CHARS));
    AMQP.BasicProperties counted = properties.builder().headers(headers).deliveryMode(2).build();
    try {
      channel.basicPublish("", queue, true, counted, body);
      channel.waitForConfirmsOrDie(10_000);
      return true;
    } catch (Exception e) {
      LOG.warn("could not requeue a crashed message with its count; nacked: {}", e.toString());
      return false;
    }
  }

  /** Parks the message in the dead-letter queue with its reason (confirmed). */
  synchronized boolean park(
      String queue, AMQP.BasicProperties properties, byte[] body, String reason) {
    Map<String, Object> headers = headers(properties);
    headers.put("x-death-reason", reason);
    headers.put("x-original-queue", queue);
    AMQP.BasicProperties parked = properties.builder().headers(headers).deliveryMode(2).build();
    try {
      channel.basicPublish(settings.deadLetterExchange(), queue, true, parked, body);
      channel.waitForConfirmsOrDie(10_000);
      LOG.error("parked a message from {} in {}: {}", queue, settings.deadLetterQueue(), reason);
      return true;
    } catch (Exception e) {
      LOG.error("could not park a message in the dead-letter queue; requeued: {}", e.toString());
      return false;
    }
  }

  private static Map<String, Object> headers(AMQP.BasicProperties properties) {
    Map<String, Object> headers = new HashMap<>();
    if (properties.getHeaders() != null) {
      headers.putAll(properties.getHeaders());
    }
    return headers;
  }
}
