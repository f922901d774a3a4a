package smap.analytics.application.port.in;

/** Use case: process one message delivered from an input queue, and say what to do with it. */
public interface ProcessDeliveryUseCase {

  /**
   * Processes the delivery. Never throws: every failure is an outcome.
   *
   * @return acknowledge (effects durable or recorded as a terminal failure), retry later
   *     (transient: nothing was acked, pause before taking more), or dead-letter (poison)
   */
  DeliveryOutcome process(ProcessDeliveryCommand command);
}
