package smap.analytics.bootstrap.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A crawler as the service sees one: uploads batch files (plain or zstd-compressed) to object
 * storage and publishes {@code data.collected} events, with publisher confirms.
 */
public final class SimulatedCrawler implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MinioClient minio;
  private final Channel channel;
  private final String exchange;
  private final String routingKey;

  public SimulatedCrawler(
      MinioClient minio, Connection connection, String exchange, String routingKey) {
    this.minio = minio;
    this.exchange = exchange;
    this.routingKey = routingKey;
    try {
      this.channel = connection.createChannel();
      channel.confirmSelect();
    } catch (Exception e) {
      throw new IllegalStateException("crawler cannot open a channel: " + e.getMessage(), e);
    }
  }

  /** Uploads {@code content} (serialised as JSON) to bucket/key, zstd-compressed when asked. */
  public void upload(String bucket, String key, Object content, boolean compress) {
    try {
      if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
      byte[] json = JSON.writeValueAsBytes(content);
      byte[] body = compress ? Zstd.compress(json, 3) : json;
      PutObjectArgs.Builder put =
          PutObjectArgs.builder().bucket(bucket).object(key).stream(
                  new ByteArrayInputStream(body), body.length, -1)
              .contentType(compress ? "application/zstd" : "application/json");
      if (compress) {
        put.userMetadata(Map.of("compressed", "true", "compression-algorithm", "zstd"));
      }
      minio.putObject(put.build());
    } catch (Exception e) {
      throw new IllegalStateException(
          "upload of " + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
  }

  /** Publishes an event (any JSON value) to the event exchange. */
  public void publish(Object event) {
    try {
      publishRaw(exchange, routingKey, JSON.writeValueAsBytes(event));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Publishes raw bytes (for malformed messages and the legacy queue). */
  public void publishRaw(String toExchange, String key, byte[] body) {
    try {
      AMQP.BasicProperties properties =
          new AMQP.BasicProperties.Builder()
              .contentType("application/json")
              .deliveryMode(2)
              .build();
      channel.basicPublish(toExchange, key, properties, body);
      channel.waitForConfirmsOrDie(10_000);
    } catch (Exception e) {
      throw new IllegalStateException("publish failed: " + e.getMessage(), e);
    }
  }

  /** Publishes text as UTF-8 to the event exchange. */
  public void publishText(String text) {
    publishRaw(exchange, routingKey, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
