package smap.analytics.domain.console;

/**
 * One queue.
 *
 * @param role {@code events}, {@code legacy} or {@code dead-letter}
 * @param ready messages waiting to be delivered (-1 when the queue could not be read)
 * @param problem why the queue could not be read, or null
 */
public record QueueStatus(String role, String name, long ready, long consumers, String problem) {

  /** The role of the queue poison messages are parked in. */
  public static final String DEAD_LETTER = "dead-letter";

  public boolean readable() {
    return problem == null;
  }
}
