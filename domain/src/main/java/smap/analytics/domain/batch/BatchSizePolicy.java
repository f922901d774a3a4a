package smap.analytics.domain.batch;

/**
 * Policy: how many items a full batch of each platform holds. A mismatch is a warning and a metric,
 * never a rejection (the last batch of a job is normally short).
 */
public record BatchSizePolicy(int tiktok, int youtube) {
  public BatchSizePolicy {
    if (tiktok < 1) {
      throw new IllegalArgumentException("tiktok must be >= 1, got " + tiktok);
    }
    if (youtube < 1) {
      throw new IllegalArgumentException("youtube must be >= 1, got " + youtube);
    }
  }

  public static BatchSizePolicy defaults() {
    return new BatchSizePolicy(50, 20);
  }

  /**
   * TikTok batches hold {@link #tiktok}; every other platform, as in the original, {@link
   * #youtube}.
   */
  public int expectedFor(Platform platform) {
    return platform == Platform.TIKTOK ? tiktok : youtube;
  }

  public boolean mismatch(Platform platform, int actual) {
    return actual != expectedFor(platform);
  }
}
