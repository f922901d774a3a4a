package smap.analytics.domain.post;

import java.time.Instant;
import java.util.Objects;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/**
 * Rules: how one item's stored row fills the fields its crawler left out or sent wrong. The error
 * code of a crawler error without one is {@code UNKNOWN_ERROR} ({@code ErrorCode.of}).
 */
public final class PostRules {
  private PostRules() {}

  /**
   * The platform stored for an item: its own {@code meta.platform} when that names a known
   * platform, else the batch's (CONTRACT 2).
   */
  public static Platform itemPlatform(String itemPlatform, Platform batchPlatform) {
    Platform own = Platform.from(itemPlatform);
    return own != Platform.UNKNOWN ? own : Objects.requireNonNull(batchPlatform, "batchPlatform");
  }

  /**
   * The published time stored for a post ({@code published_at} is NOT NULL): its own, else the
   * event's timestamp (the crawl time), else {@code now}.
   */
  public static Instant publishedAt(Instant published, Instant eventTimestamp, Instant now) {
    Objects.requireNonNull(now, "now");
    if (published != null) {
      return published;
    }
    return eventTimestamp != null ? eventTimestamp : now;
  }

  /** {@code pipeline_version}: the prefix, the platform in lower case and {@code _v3}. */
  public static String pipelineVersion(String prefix, Platform platform) {
    return Storable.text(prefix + platform.lowerName() + "_v3", ColumnLimits.PIPELINE_VERSION);
  }
}
