package smap.analytics.adapter.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.in.ProcessDeliveryUseCase;
import smap.analytics.application.port.out.ConsumptionPort;

/**
 * Adapter: consumes the input queue (and the legacy queue while enabled) with manual acks, one
 * channel with prefetch 1 per concurrent batch. Acks only after the use case returns (its effects
 * are committed); requeues and pauses consumption while a dependency is down; parks poison messages
 * in the dead-letter queue by an explicit, confirmed publish, so they are never lost.
 */
public final class RabbitDeliveryConsumerAdapter implements ConsumptionPort, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitDeliveryConsumerAdapter.class);
  private static final Duration CRASH_PAUSE = Duration.ofSeconds(1);

  private final Connection connection;
  private final RabbitSettings settings;
  private final ProcessDeliveryUseCase useCase;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "amqp-consumer-control");
            t.setDaemon(true);
            return t;
          });
  private final List<Worker> workers = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private Channel deadLetters;
  private boolean killSwitch;
  private boolean legacy;
  private long pausedUntil;
  private boolean started;
  private boolean closed;

  public RabbitDeliveryConsumerAdapter(
      Connection connection, RabbitSettings settings, ProcessDeliveryUseCase useCase, Clock clock) {
    this.connection = connection;
    this.settings = settings;
    this.useCase = useCase;
    this.clock = clock;
  }

  /** Opens the channels and starts consuming (unless paused or legacy is off). */
  public synchronized void start() {
    try {
      deadLetters = connection.createChannel();
      deadLetters.confirmSelect();
      for (int i = 0; i < settings.concurrency(); i++) {
        workers.add(new Worker(settings.eventQueue(), i));
      }
      workers.add(new Worker(settings.legacyQueue(), 0));
    } catch (IOException e) {
      throw new IllegalStateException("cannot open consumer channels: " + e.getMessage(), e);
    }
    started = true;
    reconcile();
  }

  /** Deliveries being processed now. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public synchronized void pause() {
    killSwitch = true;
    reconcile();
    LOG.warn("consumption paused by the kill switch");
  }

  @Override
  public synchronized void resume() {
    killSwitch = false;
    reconcile();
    LOG.info("consumption resumed");
  }

  @Override
  public synchronized void consumeLegacy(boolean enabled) {
    legacy = enabled;
    reconcile();
  }

  @Override
  public synchronized boolean paused() {
    return killSwitch;
  }

  /** Holds every consumer for {@code pause} (a dependency is down), then resumes. */
  synchronized void pauseFor(Duration pause) {
    long until = clock.millis() + pause.toMillis();
    if (until > pausedUntil) {
      pausedUntil = until;
      reconcile();
      scheduler.schedule(this::reconcileLater, pause.toMillis() + 5, TimeUnit.MILLISECONDS);
    }
  }

  private void reconcileLater() {
    synchronized (this) {
      reconcile();
    }
  }

  /** Starts or cancels each worker's consumer to match the switches. Called with the lock held. */
  private void reconcile() {
    if (!started || closed) {
      return;
    }
    boolean dependencyPause = clock.millis() < pausedUntil;
    for (Worker worker : workers) {
      boolean wanted =
          !killSwitch && !dependencyPause && (worker.queue.equals(settings.eventQueue()) || legacy);
      worker.setConsuming(wanted);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      for (Worker worker : workers) {
        worker.setConsuming(false);
      }
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    scheduler.shutdownNow();
    for (Worker worker : workers) {
      worker.close();
    }
  }

  /** One channel with prefetch 1 and at most one consumer on one queue. */
  private final class Worker {
    private final String queue;
    private final Channel channel;
    private String consumerTag;

    Worker(String queue, int index) throws IOException {
      this.queue = queue;
      this.channel = connection.createChannel();
      channel.basicQos(1);
    }

    void setConsuming(boolean wanted) {
      try {
        if (wanted && consumerTag == null && channel.isOpen()) {
          consumerTag = channel.basicConsume(queue, false, new Handler(this));
        } else if (!wanted && consumerTag != null) {
          String tag = consumerTag;
          consumerTag = null;
          if (channel.isOpen()) {
            channel.basicCancel(tag);
          }
        }
      } catch (IOException e) {
        LOG.warn("could not {} consuming {}: {}", wanted ? "start" : "stop", queue, e.toString());
      }
    }

    void close() {
      try {
        if (channel.isOpen()) {
          channel.close();
        }
      } catch (Exception e) {
        LOG.debug("closing channel: {}", e.toString());
      }
    }
  }

  private final class Handler extends DefaultConsumer {
    private final Worker worker;

    Handler(Worker worker) {
      super(worker.channel);
      this.worker = worker;
    }

    @Override
    public void handleDelivery(
        String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
        throws IOException {
      inFlight.incrementAndGet();
      try {
        DeliveryOutcome outcome;
        try {
          outcome =
              useCase.process(
                  new ProcessDeliveryCommand(
                      worker.queue,
                      body,
                      DeliveryDecoder.decode(body),
                      envelope.isRedeliver(),
                      clock.instant()));
        } catch (RuntimeException | Error e) {
          // Requeued, never lost; a message that keeps crashing is parked by the use case's
          // poison check on a later delivery.
          LOG.error("processing a delivery from {} threw; requeued", worker.queue, e);
          pauseFor(CRASH_PAUSE);
          getChannel().basicNack(envelope.getDeliveryTag(), false, true);
          return;
        }
        switch (outcome) {
          case DeliveryOutcome.Acknowledge ack ->
              getChannel().basicAck(envelope.getDeliveryTag(), false);
          case DeliveryOutcome.RetryLater retry -> {
            // Pause first, so the requeued message is not taken at once by another channel.
            pauseFor(retry.pause());
            getChannel().basicNack(envelope.getDeliveryTag(), false, true);
          }
          case DeliveryOutcome.DeadLetter dead -> {
            if (park(properties, body, dead.reason())) {
              getChannel().basicAck(envelope.getDeliveryTag(), false);
            } else {
              pauseFor(CRASH_PAUSE);
              getChannel().basicNack(envelope.getDeliveryTag(), false, true);
            }
          }
        }
      } finally {
        inFlight.decrementAndGet();
      }
    }

    private boolean park(AMQP.BasicProperties properties, byte[] body, String reason) {
      Map<String, Object> headers = new HashMap<>();
      if (properties.getHeaders() != null) {
        headers.putAll(properties.getHeaders());
      }
      headers.put("x-death-reason", reason);
      headers.put("x-original-queue", worker.queue);
      AMQP.BasicProperties parked = properties.builder().headers(headers).deliveryMode(2).build();
      synchronized (RabbitDeliveryConsumerAdapter.this) {
        try {
          deadLetters.basicPublish(settings.deadLetterExchange(), worker.queue, true, parked, body);
          deadLetters.waitForConfirmsOrDie(10_000);
          LOG.error(
              "parked a message from {} in {}: {}",
              worker.queue,
              settings.deadLetterQueue(),
              reason);
          return true;
        } catch (Exception e) {
          LOG.error(
              "could not park a message in the dead-letter queue; requeued: {}", e.toString());
          return false;
        }
      }
    }
  }
}
