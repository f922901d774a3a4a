package smap.analytics.application.port.out;

/**
 * Outgoing port: control of message consumption, driven by the {@code consumption-paused} kill
 * switch and the {@code batch-format} and {@code legacy-format} flags. Stopping a queue's consumer
 * leaves its messages ready in the queue: that is how a flag is reverted without losing anything.
 */
public interface ConsumptionPort {

  /** Stops taking new messages from every input queue; in-flight batches finish. */
  void pause();

  /** Takes messages again (unless a dependency pause is still running). */
  void resume();

  /** Starts or stops consuming the event queue (the batch-format flag). */
  void consumeEvents(boolean enabled);

  /** Starts or stops consuming the legacy single-post queue. */
  void consumeLegacy(boolean enabled);

  /** True while the kill switch holds consumption. */
  boolean paused();
}
