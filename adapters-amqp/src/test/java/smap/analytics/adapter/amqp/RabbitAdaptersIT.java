package smap.analytics.adapter.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.in.ProcessDeliveryUseCase;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.ResultPublisherPort.PublishOutcome;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.QueueStatus;
import smap.analytics.domain.message.DecodedBody;

/** Topology, consumer and publisher against the machine's RabbitMQ; names are unique per test. */
class RabbitAdaptersIT {

  private static final String URL =
      envOr("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/%2F");

  private RabbitSettings settings;
  private Connection connection;
  private Channel test;

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** A hand-written use case: records commands, answers with a chosen outcome. */
  private static final class RecordingUseCase implements ProcessDeliveryUseCase {
    final List<ProcessDeliveryCommand> seen = new CopyOnWriteArrayList<>();
    volatile Function<ProcessDeliveryCommand, DeliveryOutcome> answer =
        c -> new DeliveryOutcome.Acknowledge(BatchStatus.SUCCEEDED, "ok");

    @Override
    public DeliveryOutcome process(ProcessDeliveryCommand command) {
      seen.add(command);
      return answer.apply(command);
    }
  }

  @BeforeEach
  void connect() throws Exception {
    String s = UUID.randomUUID().toString().substring(0, 8);
    settings =
        new RabbitSettings(
            URI.create(URL),
            "it.events." + s,
            "it.in." + s,
            "data.collected",
            "it.legacy." + s,
            "it.dead." + s,
            "it.results." + s,
            "analyze.result",
            2);
    connection = RabbitConnections.open(settings, "it", 4);
    test = connection.createChannel();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (String q :
        List.of(settings.eventQueue(), settings.legacyQueue(), settings.deadLetterQueue())) {
      test.queueDelete(q);
    }
    for (String x :
        List.of(
            settings.eventExchange(), settings.publishExchange(), settings.deadLetterExchange())) {
      test.exchangeDelete(x);
    }
    connection.close();
  }

  private void publishEvent(String body) throws Exception {
    test.basicPublish(
        settings.eventExchange(), "data.collected", null, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private static ProcessDeliveryCommand byBody(RecordingUseCase useCase, String prefix) {
    return useCase.seen.stream()
        .filter(c -> new String(c.body(), StandardCharsets.UTF_8).startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  private long ready(String queue) {
    try {
      return test.queueDeclarePassive(queue).getMessageCount();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void brokerStatusReadsEachQueuesDepthAndSaysWhyAQueueCannotBeRead() throws Exception {
    RabbitBrokerStatusAdapter broker = new RabbitBrokerStatusAdapter(connection, settings);
    assertThat(broker.queues())
        .allSatisfy(
            q -> {
              assertThat(q.readable()).isFalse();
              assertThat(q.ready()).isEqualTo(-1);
              assertThat(q.problem()).contains("NOT_FOUND", q.name());
            });

    RabbitTopology.declare(connection, settings);
    test.basicPublish("", settings.legacyQueue(), null, "legacy".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 2; i++) {
      test.basicPublish(
          "", settings.deadLetterQueue(), null, "poison".getBytes(StandardCharsets.UTF_8));
    }
    await(() -> ready(settings.deadLetterQueue()) == 2, "two parked messages");
    await(() -> ready(settings.legacyQueue()) == 1, "one legacy message");

    assertThat(broker.queues())
        .containsExactly(
            new QueueStatus("events", settings.eventQueue(), 0, 0, null),
            new QueueStatus("legacy", settings.legacyQueue(), 1, 0, null),
            new QueueStatus(QueueStatus.DEAD_LETTER, settings.deadLetterQueue(), 2, 0, null));
  }

  @Test
  void topologyIsIdempotentAndAnExistingQueueWithOtherArgumentsIsUsedWithAWarning()
      throws Exception {
    test.queueDeclare(settings.eventQueue(), true, false, false, null);

    List<String> warnings = RabbitTopology.declare(connection, settings);
    List<String> again = RabbitTopology.declare(connection, settings);

    assertThat(warnings)
        .singleElement()
        .asString()
        .contains(settings.eventQueue(), "already exists with other arguments");
    assertThat(again).hasSize(1);
    test.queueDeclarePassive(settings.deadLetterQueue());
    test.queueDeclarePassive(settings.legacyQueue());
  }

  @Test
  void deliveriesAreAckedOnlyAfterTheUseCaseAndDecodedLosslessly() throws Exception {
    RabbitTopology.declare(connection, settings);
    RecordingUseCase useCase = new RecordingUseCase();
    try (RabbitDeliveryConsumerAdapter consumer =
        new RabbitDeliveryConsumerAdapter(connection, settings, useCase, Clock.systemUTC())) {
      consumer.start();
      publishEvent(
          "{\"event_id\":\"e1\",\"payload\":{\"minio_path\":\"b/k\",\"id\":7441234567890123456,\"score\":0.1}}");
      publishEvent("{broken");
      test.basicPublish(
          settings.eventExchange(), "data.collected", null, new byte[] {(byte) 0xff, (byte) 0xfe});
      await(() -> useCase.seen.size() == 3, "three deliveries");

      ProcessDeliveryCommand first = byBody(useCase, "{\"event_id\":\"e1\"");
      assertThat(first.queue()).isEqualTo(settings.eventQueue());
      assertThat(first.decoded())
          .isInstanceOfSatisfying(
              DecodedBody.Json.class,
              json -> {
                Map<?, ?> payload = (Map<?, ?>) ((Map<?, ?>) json.tree()).get("payload");
                assertThat(payload.get("id")).isEqualTo(7441234567890123456L);
                assertThat(payload.get("score")).isEqualTo(new java.math.BigDecimal("0.1"));
              });
      assertThat(byBody(useCase, "{broken").decoded())
          .isInstanceOfSatisfying(
              DecodedBody.Undecodable.class,
              u -> assertThat(u.reason()).startsWith("not valid JSON at line 1, column 2"));
      assertThat(
              useCase.seen.stream()
                  .filter(c -> c.body()[0] == (byte) 0xff)
                  .findFirst()
                  .orElseThrow()
                  .decoded())
          .isInstanceOfSatisfying(
              DecodedBody.Undecodable.class,
              u -> assertThat(u.reason()).startsWith("not valid UTF-8"));
      await(() -> consumer.inFlight() == 0, "acks");
    }
    assertThat(ready(settings.eventQueue())).isZero();
  }

  @Test
  void retryLaterRequeuesAndPausesInsteadOfBurningRedeliveries() throws Exception {
    RabbitTopology.declare(connection, settings);
    RecordingUseCase useCase = new RecordingUseCase();
    useCase.answer =
        c -> new DeliveryOutcome.RetryLater(Duration.ofSeconds(2), null, "database down");
    try (RabbitDeliveryConsumerAdapter consumer =
        new RabbitDeliveryConsumerAdapter(connection, settings, useCase, Clock.systemUTC())) {
      consumer.start();
      publishEvent("{\"event_id\":\"e2\"}");
      await(() -> !useCase.seen.isEmpty(), "first delivery");
      Thread.sleep(1_000);
      assertThat(useCase.seen).as("paused: no redelivery within the pause").hasSize(1);
      useCase.answer = c -> new DeliveryOutcome.Acknowledge(BatchStatus.SUCCEEDED, "ok");
      await(() -> useCase.seen.size() == 2, "redelivery after the pause");
      assertThat(useCase.seen.get(1).body()).isEqualTo(useCase.seen.get(0).body());
    }
  }

  @Test
  void aUseCaseThatThrowsLosesNoMessage() throws Exception {
    RabbitTopology.declare(connection, settings);
    RecordingUseCase useCase = new RecordingUseCase();
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    useCase.answer =
        c -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("bug in the handler");
          }
          return new DeliveryOutcome.Acknowledge(BatchStatus.SUCCEEDED, "ok");
        };
    try (RabbitDeliveryConsumerAdapter consumer =
        new RabbitDeliveryConsumerAdapter(connection, settings, useCase, Clock.systemUTC())) {
      consumer.start();
      publishEvent("{\"event_id\":\"throws\"}");
      await(() -> useCase.seen.size() == 2, "the redelivery after the crash");
      assertThat(useCase.seen.get(1).crashes())
          .as("the crash is counted on the message itself")
          .isEqualTo(1);
      await(() -> consumer.inFlight() == 0, "ack");
    }
    assertThat(ready(settings.eventQueue())).isZero();
  }

  /** A consumer whose batches have {@code deadline} (BATCH_TIMEOUT_SECONDS) and short pauses. */
  private RabbitDeliveryConsumerAdapter withDeadline(
      ProcessDeliveryUseCase useCase, Duration deadline) {
    return new RabbitDeliveryConsumerAdapter(
        connection,
        settings,
        useCase,
        Clock.systemUTC(),
        smap.analytics.domain.delivery.Backoff.exponential(
            Duration.ofMillis(100), Duration.ofSeconds(1)),
        deadline);
  }

  @Test
  void aBatchPastItsDeadlineIsAbandonedAndRetriedWhileItsThreadStillHangs() throws Exception {
    RabbitTopology.declare(connection, settings);
    RecordingUseCase useCase = new RecordingUseCase();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    List<java.util.Optional<Duration>> deadlines = new CopyOnWriteArrayList<>();
    useCase.answer =
        c -> {
          deadlines.add(smap.analytics.application.port.in.BatchDeadline.remaining());
          if (c.crashes() == 0) {
            // Deaf to the interrupt, as a read or a lock wait can be.
            boolean released = false;
            while (!released) {
              try {
                released = release.await(10, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException ignored) {
                // keep hanging
              }
            }
          }
          return new DeliveryOutcome.Acknowledge(BatchStatus.SUCCEEDED, "ok");
        };
    try (RabbitDeliveryConsumerAdapter consumer = withDeadline(useCase, Duration.ofSeconds(1))) {
      consumer.start();
      publishEvent("{\"event_id\":\"slow\"}");
      await(() -> useCase.seen.size() == 2, "the retry after the deadline");
      assertThat(useCase.seen.get(1).crashes())
          .as("the abandoned attempt is counted on the message")
          .isEqualTo(1);
      assertThat(deadlines.get(0))
          .as("the use case runs under the batch's deadline")
          .hasValueSatisfying(
              left -> assertThat(left).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
      await(() -> consumer.inFlight() == 0, "the retry acked while the first attempt hangs");
      assertThat(consumer.stalled(Duration.ZERO)).isEmpty();
    } finally {
      release.countDown();
    }
    assertThat(ready(settings.eventQueue())).isZero();
  }

  @Test
  void aConsumerWithADeliveryInFlightAndNoProgressIsReportedStalled() throws Exception {
    RabbitTopology.declare(connection, settings);
    RecordingUseCase useCase = new RecordingUseCase();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    useCase.answer =
        c -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new DeliveryOutcome.Acknowledge(BatchStatus.SUCCEEDED, "ok");
        };
    try (RabbitDeliveryConsumerAdapter consumer = withDeadline(useCase, Duration.ofHours(1))) {
      consumer.start();
      publishEvent("{\"event_id\":\"stuck\"}");
      await(() -> consumer.inFlight() == 1, "the delivery in flight");
      await(
          () -> consumer.stalled(Duration.ofMillis(300)).isPresent(),
          "the stall reported after 300 ms without progress");
      assertThat(consumer.stalled(Duration.ofMillis(300)).orElseThrow())
          .contains("1 deliveries in flight", "no progress");
      assertThat(consumer.stalled(Duration.ofHours(1))).as("within the allowance").isEmpty();
      release.countDown();
      await(() -> consumer.inFlight() == 0, "ack");
      assertThat(consumer.stalled(Duration.ZERO)).as("nothing in flight").isEmpty();
    } finally {
      release.countDown();
    }
  }

  @Test
  void batchesAreProcessedConcurrentlyUpToTheSetting() throws Exception {
    RabbitTopology.declare(connection, settings);
    RecordingUseCase useCase = new RecordingUseCase();
    java.util.concurrent.CountDownLatch bothIn = new java.util.concurrent.CountDownLatch(2);
    java.util.concurrent.atomic.AtomicInteger maxInFlight =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger inFlight =
        new java.util.concurrent.atomic.AtomicInteger();
    useCase.answer =
        c -> {
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          bothIn.countDown();
          try {
            bothIn.await(5, java.util.concurrent.TimeUnit.SECONDS);
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inFlight.decrementAndGet();
          return new DeliveryOutcome.Acknowledge(BatchStatus.SUCCEEDED, "ok");
        };
    try (RabbitDeliveryConsumerAdapter consumer =
        new RabbitDeliveryConsumerAdapter(connection, settings, useCase, Clock.systemUTC())) {
      consumer.start();
      for (int i = 0; i < 5; i++) {
        publishEvent("{\"event_id\":\"c" + i + "\"}");
      }
      await(() -> useCase.seen.size() == 5, "five deliveries");
      await(() -> consumer.inFlight() == 0, "acks");
    }
    assertThat(maxInFlight.get())
        .as("settings.concurrency() = 2, prefetch 1 per channel")
        .isEqualTo(2);
  }

  @Test
  void eachChannelHoldsThePrefetchOfTheSettingsWhileItWorks() throws Exception {
    RabbitSettings prefetched = settings.withPrefetch(2);
    RabbitTopology.declare(connection, prefetched);
    RecordingUseCase useCase = new RecordingUseCase();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    useCase.answer =
        c -> {
          try {
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new DeliveryOutcome.Acknowledge(BatchStatus.SUCCEEDED, "ok");
        };
    try (RabbitDeliveryConsumerAdapter consumer =
        new RabbitDeliveryConsumerAdapter(connection, prefetched, useCase, Clock.systemUTC())) {
      consumer.start();
      for (int i = 0; i < 5; i++) {
        publishEvent("{\"event_id\":\"p" + i + "\"}");
      }
      // Two channels at work, each holding one more: one message of five left in the queue.
      await(() -> useCase.seen.size() == 2, "two deliveries at work");
      await(() -> ready(settings.eventQueue()) == 1, "two more held by the channels");
      release.countDown();
      await(() -> useCase.seen.size() == 5, "five deliveries");
      await(() -> consumer.inFlight() == 0, "acks");
    }
  }

  @Test
  void aDeadLetterIsParkedWithItsBodyAndReason() throws Exception {
    RabbitTopology.declare(connection, settings);
    RecordingUseCase useCase = new RecordingUseCase();
    useCase.answer = c -> new DeliveryOutcome.DeadLetter("crashed 3 times");
    try (RabbitDeliveryConsumerAdapter consumer =
        new RabbitDeliveryConsumerAdapter(connection, settings, useCase, Clock.systemUTC())) {
      consumer.start();
      publishEvent("{\"event_id\":\"poison\"}");
      await(
          () -> {
            try {
              return ready(settings.deadLetterQueue()) == 1;
            } catch (Exception e) {
              return false;
            }
          },
          "the parked message");
    }
    GetResponse parked = test.basicGet(settings.deadLetterQueue(), true);
    assertThat(new String(parked.getBody(), StandardCharsets.UTF_8))
        .isEqualTo("{\"event_id\":\"poison\"}");
    assertThat(parked.getProps().getHeaders().get("x-death-reason").toString())
        .isEqualTo("crashed 3 times");
    assertThat(ready(settings.eventQueue())).isZero();
  }

  @Test
  void theKillSwitchAndTheLegacyFlagStartAndStopConsumers() throws Exception {
    RabbitTopology.declare(connection, settings);
    RecordingUseCase useCase = new RecordingUseCase();
    try (RabbitDeliveryConsumerAdapter consumer =
        new RabbitDeliveryConsumerAdapter(connection, settings, useCase, Clock.systemUTC())) {
      consumer.consumeLegacy(false);
      consumer.start();
      test.basicPublish(
          "", settings.legacyQueue(), null, "{\"data_ref\":{}}".getBytes(StandardCharsets.UTF_8));
      Thread.sleep(500);
      assertThat(useCase.seen).as("legacy queue not consumed while off").isEmpty();
      consumer.consumeLegacy(true);
      await(() -> useCase.seen.size() == 1, "legacy delivery");
      assertThat(useCase.seen.get(0).queue()).isEqualTo(settings.legacyQueue());

      consumer.pause();
      assertThat(consumer.paused()).isTrue();
      publishEvent("{\"event_id\":\"held\"}");
      Thread.sleep(500);
      assertThat(useCase.seen).hasSize(1);
      assertThat(test.queueDeclarePassive(settings.eventQueue()).getConsumerCount()).isZero();
      consumer.resume();
      await(() -> useCase.seen.size() == 2, "delivery after resume");
      assertThat(test.queueDeclarePassive(settings.eventQueue()).getConsumerCount()).isEqualTo(2);
    }
  }

  @Test
  void thePublisherSendsExactlyTheContractAndDetectsUnroutableResults() throws Exception {
    RabbitTopology.declare(connection, settings);
    try (RabbitResultPublisherAdapter publisher =
        new RabbitResultPublisherAdapter(connection, settings)) {
      OutboxMessage message =
          new OutboxMessage(
              1,
              EventId.of("evt-9"),
              "evt-9",
              new AnalyzeResult("proj", "proj-brand-0", 50, 48, 2),
              1);
      assertThat(publisher.publish(message))
          .as("no queue bound yet")
          .isEqualTo(PublishOutcome.UNROUTABLE);

      String collector = test.queueDeclare().getQueue();
      test.queueBind(collector, settings.publishExchange(), settings.publishRoutingKey());
      assertThat(publisher.publish(message)).isEqualTo(PublishOutcome.CONFIRMED);

      GetResponse received = test.basicGet(collector, true);
      AMQP.BasicProperties props = received.getProps();
      assertThat(new String(received.getBody(), StandardCharsets.UTF_8))
          .isEqualTo(
              "{\"project_id\":\"proj\",\"job_id\":\"proj-brand-0\",\"task_type\":\"analyze_result\",\"batch_size\":50,\"success_count\":48,\"error_count\":2}");
      assertThat(props.getMessageId()).isEqualTo("evt-9");
      assertThat(props.getContentType()).isEqualTo("application/json");
      assertThat(props.getDeliveryMode()).isEqualTo(2);
    }
  }
}
