package smap.analytics.domain.message;

import java.time.Instant;
import java.util.Objects;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;

/**
 * The event fields that travel with every item of a batch and into every row it writes. All but
 * {@code eventId} may be null: producers omit them. {@code platform} is null when the producer
 * named none, {@link Platform#UNKNOWN} when it named one outside the known set.
 */
public record EventContext(
    EventId eventId,
    String eventType,
    Instant timestamp,
    String projectId,
    String jobId,
    Integer batchIndex,
    Integer contentCount,
    Platform platform,
    String taskType,
    String brandName,
    String keyword) {

  public EventContext {
    Objects.requireNonNull(eventId, "eventId");
  }

  /** A context that knows only its id. */
  public static EventContext of(EventId eventId) {
    return new EventContext(eventId, null, null, null, null, null, null, null, null, null, null);
  }
}
