package smap.analytics.adapter.amqp;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import smap.analytics.application.port.in.BatchDeadline;
import smap.analytics.application.port.in.BatchLogContext;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.in.ProcessDeliveryUseCase;

/**
 * Runs the use case for one delivery on its own thread with a deadline (BATCH_TIMEOUT_SECONDS):
 * past it the thread is interrupted (it commits nothing) and the outcome is a crash, so the worker
 * is free. The batch ids the use case sets in the log context are copied to the calling thread.
 */
final class DeadlineRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitDeliveryConsumerAdapter.class);

  private final ProcessDeliveryUseCase useCase;
  private final Duration deadline;
  private final Duration crashPause;
  private final ExecutorService batches =
      Executors.newCachedThreadPool(Thread.ofPlatform().name("batch-", 0).daemon().factory());

  DeadlineRunner(ProcessDeliveryUseCase useCase, Duration deadline, Duration crashPause) {
    this.useCase = useCase;
    this.deadline = deadline;
    this.crashPause = crashPause;
  }

  /**
   * The use case's outcome; a crash (counted on the message and put back) when it threw or ran past
   * the deadline.
   *
   * @throws InterruptedException the calling thread was interrupted (the run is cancelled)
   */
  DeliveryOutcome run(ProcessDeliveryCommand command) throws InterruptedException {
    Map<String, String> ids = new ConcurrentHashMap<>();
    Future<DeliveryOutcome> running =
        batches.submit(
            () -> {
              // The batch's ids the use case sets are copied to the delivery's thread, so its
              // requeue, outage and park lines carry them. The deadline bounds the batch's own
              // waits too (a lock, a trickling read), so an abandoned batch rolls back instead of
              // finishing behind its retry's back.
              try (BatchLogContext held = BatchLogContext.hold();
                  BatchDeadline bound = BatchDeadline.start(deadline)) {
                try {
                  return useCase.process(command);
                } finally {
                  ids.putAll(batchIds());
                }
              }
            });
    try {
      return running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      String reason = "ran past BATCH_TIMEOUT_SECONDS (" + deadline.toSeconds() + " s)";
      LOG.error("a delivery from {} {}; abandoned and requeued", command.queue(), reason);
      return new DeliveryOutcome.RetryLater(crashPause, null, reason, true);
    } catch (ExecutionException e) {
      // Never lost: counted on the message and put back; the use case parks it once the
      // count reaches POISON_ATTEMPTS.
      LOG.error("processing a delivery from {} threw; requeued", command.queue(), e.getCause());
      return new DeliveryOutcome.RetryLater(crashPause, null, e.getCause().toString(), true);
    } catch (InterruptedException e) {
      running.cancel(true);
      throw e;
    } finally {
      ids.forEach(BatchLogContext::put);
    }
  }

  /** The batch ids set in the MDC of the current thread. */
  private static Map<String, String> batchIds() {
    Map<String, String> ids = new HashMap<>();
    for (String key :
        List.of(BatchLogContext.EVENT_ID, BatchLogContext.JOB_ID, BatchLogContext.PROJECT_ID)) {
      String value = MDC.get(key);
      if (value != null) {
        ids.put(key, value);
      }
    }
    return ids;
  }

  @Override
  public void close() {
    batches.shutdownNow();
  }
}
