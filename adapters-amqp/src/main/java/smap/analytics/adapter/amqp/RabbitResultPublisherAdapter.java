package smap.analytics.adapter.amqp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ReturnListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.ResultPublisherPort;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;

/**
 * Adapter: publishes results to the Collector (CONTRACT 6): exactly six JSON fields, persistent,
 * {@code application/json}, {@code message_id}, mandatory, and waits for the broker's confirm. A
 * returned message is UNROUTABLE.
 */
public final class RabbitResultPublisherAdapter implements ResultPublisherPort, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

  private final Connection connection;
  private final RabbitSettings settings;
  private Channel channel;
  private volatile String returnedMessageId;

  public RabbitResultPublisherAdapter(Connection connection, RabbitSettings settings) {
    this.connection = connection;
    this.settings = settings;
  }

  /** The message body: the six fields of CONTRACT 6, in order. */
  static byte[] body(AnalyzeResult result) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("project_id", result.projectId());
    fields.put("job_id", result.jobId());
    fields.put("task_type", AnalyzeResult.TASK_TYPE);
    fields.put("batch_size", result.batchSize());
    fields.put("success_count", result.successCount());
    fields.put("error_count", result.errorCount());
    try {
      return JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized PublishOutcome publish(OutboxMessage message) {
    try {
      Channel ch = channel();
      returnedMessageId = null;
      AMQP.BasicProperties properties =
          new AMQP.BasicProperties.Builder()
              .contentType("application/json")
              .contentEncoding("utf-8")
              .deliveryMode(2)
              .messageId(message.messageId())
              .type(AnalyzeResult.TASK_TYPE)
              .timestamp(new java.util.Date())
              .build();
      long sequence = ch.getNextPublishSeqNo();
      CompletableFuture<Boolean> confirmed = new CompletableFuture<>();
      ConfirmListener listener =
          ch.addConfirmListener(
              (tag, multiple) -> {
                if (tag == sequence || (multiple && tag >= sequence)) {
                  confirmed.complete(true);
                }
              },
              (tag, multiple) -> {
                if (tag == sequence || (multiple && tag >= sequence)) {
                  confirmed.complete(false);
                }
              });
      try {
        ch.basicPublish(
            settings.publishExchange(),
            settings.publishRoutingKey(),
            true,
            properties,
            body(message.result()));
        boolean ack = confirmed.get(CONFIRM_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (!ack) {
          return PublishOutcome.NACKED;
        }
        return message.messageId().equals(returnedMessageId)
            ? PublishOutcome.UNROUTABLE
            : PublishOutcome.CONFIRMED;
      } finally {
        ch.removeConfirmListener(listener);
      }
    } catch (TimeoutException e) {
      resetChannel();
      throw new DependencyUnavailableException(
          Dependency.BROKER, "no publisher confirm within " + CONFIRM_TIMEOUT_MILLIS + " ms", e);
    } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException e) {
      resetChannel();
      throw new DependencyUnavailableException(Dependency.BROKER, "publishing failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DependencyUnavailableException(
          Dependency.BROKER, "interrupted while publishing", e);
    }
  }

  private Channel channel() throws IOException {
    if (channel == null || !channel.isOpen()) {
      channel = connection.createChannel();
      channel.confirmSelect();
      ReturnListener returns =
          (code, text, exchange, key, props, body) -> returnedMessageId = props.getMessageId();
      channel.addReturnListener(returns);
    }
    return channel;
  }

  private void resetChannel() {
    try {
      if (channel != null && channel.isOpen()) {
        channel.close();
      }
    } catch (Exception ignored) {
      // the channel is replaced on the next publish either way
    }
    channel = null;
  }

  @Override
  public synchronized void close() {
    resetChannel();
  }
}
