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
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.in.BatchLogContext;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.in.ProcessDeliveryUseCase;
import smap.analytics.application.port.out.ConsumptionPort;
import smap.analytics.domain.delivery.Backoff;

/**
 * Adapter: consumes the input queue (and the legacy queue while enabled) with manual acks, one
 * channel per concurrent batch, each with the configured prefetch (CONSUMER_PREFETCH). Acks only
 * after the use case returns (its effects are committed); requeues and pauses consumption while a
 * dependency is down, with a pause that grows while the outage lasts and is logged once when it
 * starts and once when it ends; counts crashes on the message itself (header {@value
 * #CRASHES_HEADER}, by a confirmed republish before the ack), so the count survives a ledger outage
 * and a move to another instance; parks poison messages in the dead-letter queue by an explicit,
 * confirmed publish, so they are never lost.
 */
public final class RabbitDeliveryConsumerAdapter implements ConsumptionPort, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitDeliveryConsumerAdapter.class);
  private static final Duration CRASH_PAUSE = Duration.ofSeconds(1);

  /** Header counting the deliveries of a message that crashed. */
  public static final String CRASHES_HEADER = "x-smap-crashes";

  /** Header with the last crash's reason (bounded). */
  public static final String LAST_CRASH_HEADER = "x-smap-last-crash";

  private final Connection connection;
  private final RabbitSettings settings;
  private final ProcessDeliveryUseCase useCase;
  private final Clock clock;
  private final ConsumerOutages outages;
  private final DeadlineRunner runner;
  private volatile long lastProgress = System.nanoTime();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("amqp-consumer-control").daemon().factory());
  private final List<Worker> workers = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private RabbitRepublisher republisher;
  private boolean killSwitch;
  private boolean events = true;
  private boolean legacy;
  private long pausedUntil;
  private boolean started;
  private boolean closed;

  public RabbitDeliveryConsumerAdapter(
      Connection connection, RabbitSettings settings, ProcessDeliveryUseCase useCase, Clock clock) {
    this(
        connection,
        settings,
        useCase,
        clock,
        Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60)),
        Duration.ofMinutes(5));
  }

  /**
   * As above, with the backoff of pauses while a dependency is down (RETRY_*_BACKOFF_MS) and the
   * deadline of one batch (BATCH_TIMEOUT_SECONDS): past it the batch's thread is interrupted (it
   * commits nothing), the message is put back counted as a crash, and the worker is free.
   */
  public RabbitDeliveryConsumerAdapter(
      Connection connection,
      RabbitSettings settings,
      ProcessDeliveryUseCase useCase,
      Clock clock,
      Backoff backoff,
      Duration batchTimeout) {
    this.connection = connection;
    this.settings = settings;
    this.useCase = useCase;
    this.clock = clock;
    this.outages = new ConsumerOutages(backoff, clock);
    this.runner = new DeadlineRunner(useCase, batchTimeout, CRASH_PAUSE);
  }

  /** Opens the channels and starts consuming (unless paused or legacy is off). */
  public synchronized void start() {
    try {
      Channel deadLetters = connection.createChannel();
      deadLetters.confirmSelect();
      republisher = new RabbitRepublisher(deadLetters, settings);
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

  /**
   * Why this consumer looks stuck, if it does: work in flight and no delivery started or finished
   * for {@code after}.
   */
  public java.util.Optional<String> stalled(Duration after) {
    long quiet = System.nanoTime() - lastProgress;
    int working = inFlight.get();
    if (working > 0 && quiet > after.toNanos()) {
      return java.util.Optional.of(
          "consumer: "
              + working
              + " deliveries in flight and no progress for "
              + Duration.ofNanos(quiet).toSeconds()
              + " s");
    }
    return java.util.Optional.empty();
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
  public synchronized void consumeEvents(boolean enabled) {
    if (events != enabled) {
      LOG.warn(
          "{} consuming {} (batch-format flag)",
          enabled ? "resuming" : "stopped",
          settings.eventQueue());
    }
    events = enabled;
    reconcile();
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

  /** Consecutive transient failures of this consumer (0 when the last delivery succeeded). */
  public int outageStreak() {
    return outages.streak();
  }

  private static int crashes(AMQP.BasicProperties properties) {
    Object value =
        properties.getHeaders() == null ? null : properties.getHeaders().get(CRASHES_HEADER);
    return value instanceof Number n ? Math.max(0, n.intValue()) : 0;
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
          !killSwitch
              && !dependencyPause
              && (worker.queue.equals(settings.eventQueue()) ? events : legacy);
      worker.setConsuming(wanted);
    }
  }

  /** Stops taking deliveries; what is in flight goes on. */
  public synchronized void stopConsuming() {
    closed = true;
    for (Worker worker : workers) {
      worker.setConsuming(false);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /**
   * Stops taking deliveries, waits up to {@code drain} for those in flight to finish (acked or put
   * back), then closes the channels: the broker requeues whatever is still unacked.
   *
   * @return deliveries still in flight when the channels closed
   */
  public int close(Duration drain) {
    stopConsuming();
    long deadline = System.nanoTime() + drain.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int left = inFlight.get();
    scheduler.shutdownNow();
    runner.close();
    for (Worker worker : workers) {
      worker.close();
    }
    return left;
  }

  /** One channel with the configured prefetch and at most one consumer on one queue. */
  private final class Worker {
    private final String queue;
    private final Channel channel;
    private String consumerTag;

    Worker(String queue, int index) throws IOException {
      this.queue = queue;
      this.channel = connection.createChannel();
      channel.basicQos(settings.prefetch());
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
      int crashes = crashes(properties);
      // Held: the batch ids the use case sets stay on this delivery's requeue and park lines.
      try (BatchLogContext log = BatchLogContext.hold()) {
        lastProgress = System.nanoTime();
        ProcessDeliveryCommand command =
            ProcessDeliveryCommand.delivery(
                worker.queue, body, DeliveryDecoder.decode(body), crashes);
        DeliveryOutcome outcome;
        try {
          outcome = runner.run(command);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          getChannel().basicNack(envelope.getDeliveryTag(), false, true);
          return;
        }
        lastProgress = System.nanoTime();
        switch (outcome) {
          case DeliveryOutcome.Acknowledge ack -> {
            getChannel().basicAck(envelope.getDeliveryTag(), false);
            outages.recovered();
          }
          case DeliveryOutcome.RetryLater retry when retry.crashed() -> {
            // No pause: the copy goes to the back of the queue and the other messages flow.
            if (republisher.requeueCounted(
                worker.queue, properties, body, crashes + 1, retry.reason())) {
              getChannel().basicAck(envelope.getDeliveryTag(), false);
            } else {
              getChannel().basicNack(envelope.getDeliveryTag(), false, true);
            }
          }
          case DeliveryOutcome.RetryLater retry -> {
            // Pause first, so the requeued message is not taken at once by another channel.
            pauseFor(outages.failed(retry));
            getChannel().basicNack(envelope.getDeliveryTag(), false, true);
          }
          case DeliveryOutcome.PutBack putBack -> {
            // Its format is off on this instance (the consumers are being cancelled): back in
            // the queue, uncounted; no dependency is down, so the outage streak is left alone.
            LOG.debug("put back a delivery from {}: {}", worker.queue, putBack.reason());
            pauseFor(putBack.pause());
            getChannel().basicNack(envelope.getDeliveryTag(), false, true);
          }
          case DeliveryOutcome.DeadLetter dead -> {
            if (republisher.park(worker.queue, properties, body, dead.reason())) {
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
  }
}
