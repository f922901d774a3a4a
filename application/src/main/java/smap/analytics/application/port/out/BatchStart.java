package smap.analytics.application.port.out;

import java.time.Instant;
import java.util.Objects;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.MessageFormat;

/**
 * An attempt at a batch begins.
 *
 * @param format the detected format, or null when the message was rejected before detection
 * @param objectPath {@code bucket/key} of the batch object, or null
 * @param rawBody the message as received; the adapter keeps at most a bounded prefix
 */
public record BatchStart(
    EventContext context,
    String queue,
    MessageFormat format,
    String objectPath,
    byte[] rawBody,
    Instant startedAt) {
  public BatchStart {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(rawBody, "rawBody");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
