package smap.analytics.domain.message;

import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.ObjectLocation;

/** A message the service accepted, in one of the three formats of CONTRACT 2. */
public sealed interface InboundMessage {

  EventContext context();

  MessageFormat format();

  default EventId eventId() {
    return context().eventId();
  }

  /** A batched {@code data.collected} event: the items are in the object at {@code location}. */
  record DataCollectedEvent(EventContext context, ObjectLocation location)
      implements InboundMessage {
    @Override
    public MessageFormat format() {
      return MessageFormat.BATCH_EVENT;
    }
  }

  /** A legacy reference to one post stored at {@code location}. */
  record LegacyReference(EventContext context, ObjectLocation location) implements InboundMessage {
    @Override
    public MessageFormat format() {
      return MessageFormat.LEGACY_REFERENCE;
    }
  }

  /** A legacy message that carries its one post inline, as a JSON tree. */
  record LegacyInline(EventContext context, Object item) implements InboundMessage {
    @Override
    public MessageFormat format() {
      return MessageFormat.LEGACY_INLINE;
    }
  }
}
