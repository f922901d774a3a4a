package smap.analytics.adapter.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.domain.batch.BatchStatus;

/**
 * EVENT_QUEUE_TYPE=quorum against the machine's RabbitMQ (3.10): the input queue is declared as a
 * quorum queue with a delivery limit, is consumed as before, and a message that keeps coming back
 * is dead-lettered by the broker once past the limit. An existing queue of the other type is used
 * as it is, with a warning.
 */
class RabbitQuorumQueueIT {

  private static final String URL =
      System.getenv().getOrDefault("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/%2F");
  private static final int LIMIT = 2;

  private RabbitSettings settings;
  private Connection connection;
  private Channel test;

  @BeforeEach
  void connect() throws Exception {
    String s = UUID.randomUUID().toString().substring(0, 8);
    settings =
        new RabbitSettings(
                URI.create(URL),
                "qq.events." + s,
                "qq.in." + s,
                "data.collected",
                "qq.legacy." + s,
                "qq.dead." + s,
                "qq.results." + s,
                "analyze.result",
                1)
            .withEventQueueType("quorum", LIMIT);
    connection = RabbitConnections.open(settings, "quorum-it", 4);
    test = connection.createChannel();
  }

  @AfterEach
  void cleanUp() throws Exception {
    Channel c = connection.createChannel();
    for (String q :
        List.of(settings.eventQueue(), settings.legacyQueue(), settings.deadLetterQueue())) {
      c.queueDelete(q);
    }
    for (String x :
        List.of(
            settings.eventExchange(), settings.publishExchange(), settings.deadLetterExchange())) {
      c.exchangeDelete(x);
    }
    connection.close();
  }

  private void publish(String body) throws Exception {
    test.basicPublish(
        settings.eventExchange(),
        settings.eventRoutingKey(),
        null,
        body.getBytes(StandardCharsets.UTF_8));
  }

  private long ready(String queue) throws Exception {
    return test.queueDeclarePassive(queue).getMessageCount();
  }

  private static void await(ThrowingCondition condition, String what) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.met()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @FunctionalInterface
  private interface ThrowingCondition {
    boolean met() throws Exception;
  }

  @Test
  void theInputQueueIsAQuorumQueueThatTheConsumerReads() throws Exception {
    assertThat(RabbitTopology.declare(connection, settings)).isEmpty();
    assertThat(RabbitTopology.declare(connection, settings)).as("idempotent").isEmpty();

    // Only a quorum queue counts deliveries in x-delivery-count.
    publish("{\"probe\":1}");
    await(() -> ready(settings.eventQueue()) == 1, "the probe in the queue");
    GetResponse first = test.basicGet(settings.eventQueue(), false);
    test.basicReject(first.getEnvelope().getDeliveryTag(), true);
    GetResponse second = test.basicGet(settings.eventQueue(), false);
    assertThat(second.getProps().getHeaders()).containsEntry("x-delivery-count", 1L);
    test.basicAck(second.getEnvelope().getDeliveryTag(), false);

    AtomicInteger seen = new AtomicInteger();
    try (RabbitDeliveryConsumerAdapter consumer =
        new RabbitDeliveryConsumerAdapter(
            connection,
            settings,
            command -> {
              seen.incrementAndGet();
              return new DeliveryOutcome.Acknowledge(BatchStatus.SUCCEEDED, "ok");
            },
            Clock.systemUTC())) {
      consumer.start();
      publish("{\"event_id\":\"q1\",\"payload\":{\"minio_path\":\"b/k\"}}");
      await(() -> seen.get() == 1, "the consumer to take the event");
      await(() -> ready(settings.eventQueue()) == 0, "the event acked");
    }
  }

  @Test
  void aMessageWhoseConsumerDiesEveryTimeIsDeadLetteredByTheBrokerOncePastTheLimit()
      throws Exception {
    RabbitTopology.declare(connection, settings);
    publish("{\"event_id\":\"poison\",\"payload\":{\"minio_path\":\"b/k\"}}");
    await(() -> ready(settings.eventQueue()) == 1, "the message in the queue");

    // A consumer that dies with the message unacknowledged (its channel goes away, as when the
    // process is killed mid-batch): the service's own crash count never gets written, so only the
    // broker's delivery limit stops the loop.
    int deliveries = 0;
    while (true) {
      Channel dying = connection.createChannel();
      GetResponse got = dying.basicGet(settings.eventQueue(), false);
      if (got == null) {
        dying.close();
        break;
      }
      deliveries++;
      dying.close();
      await(
          () -> ready(settings.eventQueue()) + ready(settings.deadLetterQueue()) == 1,
          "the message back in a queue");
    }

    assertThat(deliveries).as("the first delivery plus LIMIT redeliveries").isEqualTo(LIMIT + 1);
    assertThat(ready(settings.eventQueue())).isZero();
    GetResponse dead = test.basicGet(settings.deadLetterQueue(), true);
    assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).contains("poison");
    assertThat(dead.getProps().getHeaders()).containsKey("x-death");
    assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo(settings.eventQueue());
  }

  @Test
  void anExistingClassicQueueIsUsedAsItIsWithAWarning() throws Exception {
    test.queueDeclare(settings.eventQueue(), true, false, false, Map.of());

    List<String> warnings = RabbitTopology.declare(connection, settings);

    assertThat(warnings)
        .singleElement()
        .asString()
        .contains(settings.eventQueue(), "already exists with other arguments", "x-queue-type");
    publish("{\"x\":1}");
    await(() -> ready(settings.eventQueue()) == 1, "the classic queue to still be bound");
  }

  @Test
  void anExistingQuorumQueueIsUsedAsItIsWhenClassicIsAsked() throws Exception {
    test.queueDeclare(settings.eventQueue(), true, false, false, Map.of("x-queue-type", "quorum"));

    List<String> warnings =
        RabbitTopology.declare(connection, settings.withEventQueueType("classic", LIMIT));

    assertThat(warnings)
        .singleElement()
        .asString()
        .contains(settings.eventQueue(), "already exists with other arguments");
  }
}
