package smap.analytics.bootstrap.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic crawler batches (facts 3.6-3.10): TikTok and YouTube posts in Vietnamese and English
 * with transcripts, hashtags and comments, 19-digit ids, both field-name variants producers really
 * send, and crawler error items. Deterministic for a seed, so tests can assert exact counts.
 */
public final class SampleBatches {

  private static final String[] CAPTIONS = {
    "Review chi tiết VinFast VF8 sau 1 tháng sử dụng. Xe chạy êm, pin trâu! #vinfast #vf8 #review",
    "Giá xe này quá đắt so với chất lượng, thất vọng thật sự #xedien",
    "Mọi người cho hỏi bảo hành pin VF8 bao lâu vậy? #vinfast",
    "Thiết kế đẹp, nội thất sang trọng, rất đáng tiền #vf9 #luxury",
    "Dịch vụ chăm sóc khách hàng tệ, gọi mãi không ai nghe #bức_xúc",
    "Honest review after 10,000 km: smooth ride, great battery, but the app is buggy #ev",
    "Chạy thử 300km một lần sạc, tiết kiệm xăng hơn hẳn #tietkiem",
    "Không nên mua xe này, lỗi phanh liên tục, nguy hiểm quá #canhbao",
    "So sánh VF8 và Tucson: cái nào đáng mua hơn? #sosanh",
    "Đi tour Đà Lạt bằng xe điện, trạm sạc nhiều lắm mọi người ơi #dulich"
  };
  private static final String[] TRANSCRIPTS = {
    "Xin chào các bạn, hôm nay mình sẽ review chi tiết chiếc VinFast VF8 sau một tháng sử dụng."
        + " Xe chạy rất êm, cách âm tốt, pin đi được khoảng bốn trăm cây số.",
    "Chào mọi người, hôm nay chúng ta cùng đánh giá Toyota Vios bản 2025 sau mười nghìn km,"
        + " tiêu hao nhiên liệu thấp, chi phí bảo dưỡng rẻ, vận hành bền bỉ.",
    "Hello everyone, in this video I test the range and the charging speed in real traffic.",
    "",
    "Mình đã mang xe đi bảo dưỡng ba lần, nhân viên nhiệt tình nhưng thời gian chờ hơi lâu."
  };
  private static final String[] COMMENTS = {
    "Video hay quá! Cảm ơn bạn đã review",
    "Mình cũng đang cân nhắc mua VF8",
    "Giá cao quá, không đáng",
    "xe đẹp thật sự 😍😍",
    "Pin có bền không bạn?",
    "dịch vụ tệ lắm, đừng mua",
    "Great video, very helpful",
    "🔥🔥🔥",
    "k mua đc vì đắt quá",
    "Inbox mình giá tốt nhé 0912345678"
  };
  private static final String[][] ERRORS = {
    {"CONTENT_REMOVED", "Video has been removed by the creator"},
    {"RATE_LIMITED", "Too many requests, retry after 60s"},
    {"CONTENT_UNAVAILABLE", "This video is private"},
    {"TIMEOUT", "Request timed out after 30s"},
    {"PARSE_ERROR", "Unexpected response shape: missing itemStruct"}
  };

  private SampleBatches() {}

  /**
   * One batch of {@code size} items of which {@code errorItems} are crawler errors (spread through
   * the batch).
   */
  public static List<Map<String, Object>> batch(
      String platform, String jobId, int size, int errorItems, long seed) {
    Random random = new Random(seed);
    List<Map<String, Object>> items = new ArrayList<>(size);
    int every = errorItems == 0 ? Integer.MAX_VALUE : Math.max(1, size / errorItems);
    int errors = 0;
    for (int i = 0; i < size; i++) {
      boolean error = errors < errorItems && i % every == every - 1;
      if (error) {
        errors++;
        items.add(errorItem(platform, jobId, i, random, seed));
      } else {
        items.add(postItem(platform, jobId, i, random, seed));
      }
    }
    return items;
  }

  /** The id of item {@code index} of the batch made with {@code seed}. */
  public static String itemId(String platform, long seed, int index) {
    if (platform.equalsIgnoreCase("YOUTUBE")) {
      return "yt" + Long.toString(Math.abs(seed * 31 + index), 36) + "x" + index;
    }
    return Long.toString(7_441_000_000_000_000_000L + Math.abs(seed % 1_000_000) * 1_000 + index);
  }

  private static Map<String, Object> postItem(
      String platform, String jobId, int index, Random random, long seed) {
    String id = itemId(platform, seed, index);
    Instant published = Instant.parse("2025-12-10T08:00:00Z").plus(index, ChronoUnit.HOURS);
    boolean youtube = platform.equalsIgnoreCase("YOUTUBE");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("id", id);
    meta.put("platform", platform.toUpperCase());
    meta.put("job_id", jobId);
    meta.put("task_type", "research_and_crawl");
    meta.put("crawled_at", "2025-12-17T10:00:00Z");
    meta.put("published_at", published.toString());
    meta.put(
        "permalink",
        youtube
            ? "https://www.youtube.com/watch?v=" + id
            : "https://www.tiktok.com/@creator" + index + "/video/" + id);
    meta.put("keyword_source", "brand");
    meta.put("lang", "vi");
    meta.put("fetch_status", "success");
    meta.put("fetch_error", null);
    String caption = CAPTIONS[random.nextInt(CAPTIONS.length)];
    Map<String, Object> content = new LinkedHashMap<>();
    if (youtube) {
      content.put("title", caption.split("#")[0].strip());
    }
    content.put("text", caption);
    content.put("transcription", TRANSCRIPTS[random.nextInt(TRANSCRIPTS.length)]);
    content.put("duration", 15 + random.nextInt(youtube ? 1200 : 180));
    List<String> hashtags = new ArrayList<>();
    for (String word : caption.split("\\s+")) {
      if (word.startsWith("#")) {
        hashtags.add(word.substring(1));
      }
    }
    content.put("hashtags", hashtags);
    long views = 500L + random.nextInt(youtube ? 400_000 : 60_000);
    Map<String, Object> interaction = new LinkedHashMap<>();
    interaction.put("views", views);
    interaction.put("likes", views / (10 + random.nextInt(20)));
    interaction.put("comments_count", views / (150 + random.nextInt(200)));
    interaction.put("shares", views / (200 + random.nextInt(300)));
    interaction.put("saves", views / (400 + random.nextInt(400)));
    Map<String, Object> author = new LinkedHashMap<>();
    author.put(
        "id",
        youtube
            ? "UC" + Long.toString(seed * 7 + index, 36)
            : Long.toString(6_812_345_678_901_234_000L + index));
    author.put("name", "Creator " + index);
    author.put("username", "creator" + index);
    author.put("followers", (long) random.nextInt(youtube ? 500_000 : 80_000));
    author.put("is_verified", random.nextInt(5) == 0);
    author.put("avatar_url", "https://example.invalid/avatar/" + index);
    List<Map<String, Object>> comments = new ArrayList<>();
    int commentCount = random.nextInt(5);
    for (int c = 0; c < commentCount; c++) {
      Map<String, Object> comment = new LinkedHashMap<>();
      comment.put("id", id + "-c" + c);
      String text = COMMENTS[random.nextInt(COMMENTS.length)];
      comment.put("text", text);
      comment.put("likes", random.nextInt(50));
      String at = published.plus(c + 1, ChronoUnit.HOURS).toString();
      // Producers disagree on names (CONTRACT 3): alternate the two variants.
      if (c % 2 == 0) {
        comment.put("author_name", "Viewer " + c);
        comment.put("created_at", at);
      } else {
        comment.put("user", Map.of("name", "Viewer " + c));
        comment.put("published_at", at);
      }
      comments.add(comment);
    }
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("meta", meta);
    item.put("content", content);
    item.put(index % 3 == 0 ? "interactions" : "interaction", interaction);
    item.put("author", author);
    item.put("comments", comments);
    return item;
  }

  private static Map<String, Object> errorItem(
      String platform, String jobId, int index, Random random, long seed) {
    String[] error = ERRORS[random.nextInt(ERRORS.length)];
    String id = itemId(platform, seed, index);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("id", id);
    meta.put("platform", platform.toUpperCase());
    meta.put("job_id", jobId);
    meta.put("permalink", "https://www.tiktok.com/@user/video/" + id);
    meta.put("fetch_status", "error");
    meta.put("error_code", error[0]);
    if (index % 2 == 0) {
      meta.put("error_message", error[1]);
    } else {
      meta.put("fetch_error", error[1]);
    }
    meta.put(
        "error_details",
        Map.of("exception_type", "CrawlerError", "attempt", 1 + random.nextInt(3)));
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("meta", meta);
    item.put("content", null);
    item.put("author", null);
    item.put("comments", List.of());
    return item;
  }

  /** A data.collected event (CONTRACT 2) for a batch at {@code minioPath}. */
  public static Map<String, Object> event(
      String eventId,
      String minioPath,
      String projectId,
      String jobId,
      int batchIndex,
      int contentCount,
      String platform) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("minio_path", minioPath);
    payload.put("project_id", projectId);
    payload.put("job_id", jobId);
    payload.put("batch_index", batchIndex);
    payload.put("content_count", contentCount);
    payload.put("platform", platform.toLowerCase());
    payload.put("task_type", "research_and_crawl");
    payload.put("brand_name", "VinFast");
    payload.put("keyword", "VF8");
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_id", eventId);
    event.put("event_type", "data.collected");
    event.put("timestamp", "2025-12-17T10:00:00Z");
    event.put("payload", payload);
    return event;
  }
}
