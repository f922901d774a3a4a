package smap.analytics.application.port.in;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Part of the inbound contract: the batch a log line is about, as the {@code event_id}, {@code
 * job_id} and {@code project_id} fields of every JSON log line (the logging MDC).
 *
 * <p>A use case that handles a batch {@link #open opens} a context with what it knows and adds to
 * it ({@link #put}); closing restores what was there before. A caller that logs about the same
 * batch after the use case returned (the consumer's requeue and park lines) {@link #hold holds} the
 * context around the call: what the use case set then stays until the holder closes.
 */
public final class BatchLogContext implements AutoCloseable {

  public static final String EVENT_ID = "event_id";
  public static final String JOB_ID = "job_id";
  public static final String PROJECT_ID = "project_id";
  private static final String[] KEYS = {EVENT_ID, JOB_ID, PROJECT_ID};
  private static final ThreadLocal<int[]> HOLDS = ThreadLocal.withInitial(() -> new int[1]);

  private final Map<String, String> previous;
  private final boolean holder;

  private BatchLogContext(boolean holder) {
    this.holder = holder;
    this.previous = new HashMap<>();
    for (String key : KEYS) {
      previous.put(key, MDC.get(key));
    }
  }

  /** Sets the batch's ids (a null one is removed) until {@link #close}. */
  public static BatchLogContext open(String eventId, String jobId, String projectId) {
    BatchLogContext context = new BatchLogContext(false);
    put(EVENT_ID, eventId);
    put(JOB_ID, jobId);
    put(PROJECT_ID, projectId);
    return context;
  }

  /**
   * Keeps whatever batch ids are set inside until {@link #close}, which restores the ones before.
   */
  public static BatchLogContext hold() {
    BatchLogContext context = new BatchLogContext(true);
    HOLDS.get()[0]++;
    return context;
  }

  /** Sets (or, when null, removes) one id in the current context. */
  public static void put(String key, String value) {
    if (value == null || value.isBlank()) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  @Override
  public void close() {
    if (holder) {
      HOLDS.get()[0]--;
    } else if (HOLDS.get()[0] > 0) {
      return;
    }
    for (String key : KEYS) {
      put(key, previous.get(key));
    }
  }
}
