package smap.analytics.application.port.in;

/** Use case: process one message delivered from an input queue, and say what to do with it. */
public interface ProcessDeliveryUseCase {

  /**
   * Processes the delivery. Every failure it can judge (a rejected message, a dependency down, a
   * crash of the analysis) is an outcome. It can still throw, for a bug in its own recording or an
   * error the JVM raises: the caller must then not acknowledge (the consumer requeues the message
   * and counts a crash on it).
   *
   * @return acknowledge (effects durable or recorded as a terminal failure), retry later
   *     (transient: nothing was acked, pause before taking more), or dead-letter (poison)
   */
  DeliveryOutcome process(ProcessDeliveryCommand command);
}
