package smap.analytics.application.port.in;

import java.util.Objects;
import smap.analytics.domain.message.DecodedBody;

/**
 * Command: one message to process, as the broker delivered it or as an operator replays it.
 *
 * <p>The body travels as bytes and as its decoding: the bytes are what the ledger keeps (bounded)
 * and what an undecodable message's event id is derived from; the decoding is done once, by the
 * inbound adapter (or by {@code MessageDecoderPort} for a replay), so the service never parses.
 *
 * @param queue the queue it came from (for a replay, the queue it first came from)
 * @param body the raw bytes (kept, bounded, for rejected batches and replays)
 * @param decoded the body decoded as JSON, or why it could not be
 * @param replay set when an operator replays a stored batch, null for a broker delivery
 * @param crashes earlier deliveries of this message that crashed, as counted on the message itself
 *     (a header the consumer keeps), so they count even when the ledger could not record them; 0
 *     for a replay
 */
public record ProcessDeliveryCommand(
    String queue, byte[] body, DecodedBody decoded, Replay replay, int crashes) {

  public ProcessDeliveryCommand {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(decoded, "decoded");
    if (crashes < 0) {
      throw new IllegalArgumentException("crashes must be >= 0, got " + crashes);
    }
    if (replay != null && crashes != 0) {
      throw new IllegalArgumentException("crashes: a replay has none, got " + crashes);
    }
  }

  /** A broker delivery that crashed {@code crashes} times before. */
  public static ProcessDeliveryCommand delivery(
      String queue, byte[] body, DecodedBody decoded, int crashes) {
    return new ProcessDeliveryCommand(queue, body, decoded, null, crashes);
  }

  /** An operator's replay of a stored batch. */
  public static ProcessDeliveryCommand replay(
      String queue, byte[] body, DecodedBody decoded, Replay replay) {
    return new ProcessDeliveryCommand(
        queue, body, decoded, Objects.requireNonNull(replay, "replay"), 0);
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
