package smap.analytics.application.port.in;

import java.time.Instant;
import java.util.Objects;

/**
 * Command: one delivery as the broker handed it over.
 *
 * @param queue the queue it came from
 * @param body the raw bytes (kept, bounded, for rejected batches and replays)
 * @param decoded the body decoded as JSON, or why it could not be
 * @param redelivered the broker's redelivered flag
 * @param receivedAt when the delivery arrived
 * @param replay set when an operator replays a stored batch, null for a broker delivery
 * @param crashes earlier deliveries of this message that crashed, as counted on the message itself
 *     (a header the consumer keeps), so they count even when the ledger could not record them
 */
public record ProcessDeliveryCommand(
    String queue,
    byte[] body,
    DecodedBody decoded,
    boolean redelivered,
    Instant receivedAt,
    Replay replay,
    int crashes) {

  /** A broker delivery (not a replay) that has not crashed before. */
  public ProcessDeliveryCommand(
      String queue, byte[] body, DecodedBody decoded, boolean redelivered, Instant receivedAt) {
    this(queue, body, decoded, redelivered, receivedAt, null, 0);
  }

  /** A delivery or a replay that has not crashed before. */
  public ProcessDeliveryCommand(
      String queue,
      byte[] body,
      DecodedBody decoded,
      boolean redelivered,
      Instant receivedAt,
      Replay replay) {
    this(queue, body, decoded, redelivered, receivedAt, replay, 0);
  }

  public ProcessDeliveryCommand {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(decoded, "decoded");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (crashes < 0) {
      throw new IllegalArgumentException("crashes must be >= 0, got " + crashes);
    }
  }

  /** A message body after UTF-8 and JSON decoding. */
  public sealed interface DecodedBody {
    /** Decoded into a JSON tree of JDK types (numbers lossless). */
    record Json(Object tree) implements DecodedBody {}

    /** Not UTF-8 or not JSON; {@code reason} says what and where (line, column). */
    record Undecodable(String reason) implements DecodedBody {
      public Undecodable {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  /**
   * An operator's replay of a batch already in the ledger.
   *
   * @param requestedBy the operator (for the audit trail)
   * @param republish publish a Collector result again (the Collector adds counts, so off by
   *     default)
   * @param onlyFailedItems re-run only the items that failed last time (crawler errors stay)
   */
  public record Replay(String requestedBy, boolean republish, boolean onlyFailedItems) {
    public Replay {
      Objects.requireNonNull(requestedBy, "requestedBy");
    }
  }
}
