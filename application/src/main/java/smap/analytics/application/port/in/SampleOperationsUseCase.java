package smap.analytics.application.port.in;

/**
 * Use case: read what the operator's gauges show (dependencies up, queue depths and consumers,
 * outbox, parked batches) in the background, so that a scrape never waits on a slow dependency.
 */
public interface SampleOperationsUseCase {

  /** Takes one sample now; never throws (what cannot be read is shown as unknown). */
  void sample();
}
