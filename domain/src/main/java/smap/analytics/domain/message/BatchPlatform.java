package smap.analytics.domain.message;

import java.util.List;
import smap.analytics.domain.batch.Platform;

/**
 * Rule: the platform of a batch (CONTRACT 2). {@code payload.platform} when it names a known
 * platform; else the first known {@code meta.platform} among the items, in file order; else {@link
 * Platform#UNKNOWN}. A missing or null platform never fails the batch (the original crashed).
 */
public final class BatchPlatform {
  private BatchPlatform() {}

  /**
   * Resolves the platform.
   *
   * @param payloadPlatform {@code payload.platform} as read, or null when it was missing
   * @param items the batch's entries as JSON trees (entries that are not objects are skipped)
   */
  public static Platform resolve(Platform payloadPlatform, List<?> items) {
    Platform fromPayload = payloadPlatform == null ? Platform.UNKNOWN : payloadPlatform;
    if (fromPayload != Platform.UNKNOWN || items == null) {
      return fromPayload;
    }
    for (Object item : items) {
      Platform fromItem = Platform.from(JsonTree.text(JsonTree.at(item, "meta", "platform")));
      if (fromItem != Platform.UNKNOWN) {
        return fromItem;
      }
    }
    return Platform.UNKNOWN;
  }

  /** Resolves the platform of an event's batch from its context and its items. */
  public static Platform of(EventContext context, List<?> items) {
    return resolve(context.platform(), items);
  }
}
