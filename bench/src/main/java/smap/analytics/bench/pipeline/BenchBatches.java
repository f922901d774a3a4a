package smap.analytics.bench.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic batch files for the end-to-end benchmark: TikTok batches of 50 and YouTube batches of
 * 20 items, each post with three comments, one crawler error item per batch; TikTok posts carry a
 * short caption and a 300-character transcript, YouTube posts a title and a 2,400-character
 * transcript (a ten-minute review). Deterministic for a seed.
 */
public final class BenchBatches {

  static final int TIKTOK_SIZE = 50;
  static final int YOUTUBE_SIZE = 20;

  private static final String[] CAPTIONS = {
    "Review chi tiết VinFast VF8 sau 1 tháng sử dụng. Xe chạy êm, pin trâu! #vinfast #vf8 #review",
    "Giá xe này quá đắt so với chất lượng, thất vọng thật sự #xedien",
    "Mọi người cho hỏi bảo hành pin VF8 bao lâu vậy? #vinfast",
    "Thiết kế đẹp, nội thất sang trọng, rất đáng tiền #vf9 #luxury",
    "Dịch vụ chăm sóc khách hàng tệ, gọi mãi không ai nghe #bức_xúc",
    "Honest review after 10,000 km: smooth ride, great battery, but the app is buggy #ev",
    "Chạy thử 300km một lần sạc, tiết kiệm xăng hơn hẳn #tietkiem",
    "Không nên mua xe này, lỗi phanh liên tục, nguy hiểm quá #canhbao"
  };
  private static final String[] SENTENCES = {
    "Xin chào các bạn, hôm nay mình sẽ review chi tiết chiếc VinFast VF8 sau một tháng sử dụng.",
    "Xe chạy rất êm, cách âm tốt, pin đi được khoảng bốn trăm cây số mỗi lần sạc đầy.",
    "Tiêu hao nhiên liệu thấp, chi phí bảo dưỡng rẻ, vận hành bền bỉ trên đường trường.",
    "Nội thất rộng rãi nhưng màn hình trung tâm đôi khi phản hồi chậm, phần mềm còn lỗi vặt.",
    "Giá bán hơi cao so với các đối thủ cùng phân khúc, nhưng bảo hành pin mười năm rất đáng giá.",
    "Dịch vụ hậu mãi tại đại lý khá tốt, nhân viên nhiệt tình, thời gian chờ hơi lâu.",
    "Hello everyone, in this video I test the range and the charging speed in real traffic.",
    "Trạm sạc ngày càng nhiều, đi tỉnh không còn lo hết pin giữa đường như trước nữa."
  };
  private static final String[] COMMENTS = {
    "Video hay quá! Cảm ơn bạn đã review",
    "Mình cũng đang cân nhắc mua VF8",
    "Giá cao quá, không đáng",
    "xe đẹp thật sự 😍😍",
    "Pin có bền không bạn?",
    "dịch vụ tệ lắm, đừng mua",
    "Great video, very helpful",
    "k mua đc vì đắt quá"
  };

  private BenchBatches() {}

  /** The items of one batch; item 0 of each batch is a crawler error. */
  public static List<Map<String, Object>> batch(boolean youtube, String jobId, long seed) {
    Random random = new Random(seed);
    int size = youtube ? YOUTUBE_SIZE : TIKTOK_SIZE;
    List<Map<String, Object>> items = new ArrayList<>(size);
    items.add(errorItem(youtube, jobId, seed));
    for (int i = 1; i < size; i++) {
      items.add(post(youtube, jobId, seed, i, random));
    }
    return items;
  }

  /** A data.collected event for a batch at {@code minioPath}. */
  static Map<String, Object> event(
      String eventId, String minioPath, String jobId, int batchIndex, boolean youtube) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("minio_path", minioPath);
    payload.put("project_id", "proj_bench");
    payload.put("job_id", jobId);
    payload.put("batch_index", batchIndex);
    payload.put("content_count", youtube ? YOUTUBE_SIZE : TIKTOK_SIZE);
    payload.put("platform", youtube ? "youtube" : "tiktok");
    payload.put("task_type", "research_and_crawl");
    payload.put("brand_name", "VinFast");
    payload.put("keyword", "VF8");
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_id", eventId);
    event.put("event_type", "data.collected");
    event.put("timestamp", Instant.now().toString());
    event.put("payload", payload);
    return event;
  }

  private static String id(boolean youtube, long seed, int index) {
    return youtube
        ? "yt" + Long.toString(Math.abs(seed * 31 + index), 36) + "x" + index
        : Long.toString(7_441_000_000_000_000_000L + Math.abs(seed % 10_000_000) * 100 + index);
  }

  private static String transcript(Random random, int chars) {
    StringBuilder text = new StringBuilder(chars + 100);
    while (text.length() < chars) {
      text.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
    }
    return text.toString().strip();
  }

  private static Map<String, Object> post(
      boolean youtube, String jobId, long seed, int index, Random random) {
    String id = id(youtube, seed, index);
    Instant published = Instant.parse("2025-12-10T08:00:00Z").plus(index, ChronoUnit.HOURS);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("id", id);
    meta.put("platform", youtube ? "YOUTUBE" : "TIKTOK");
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
    String caption = CAPTIONS[random.nextInt(CAPTIONS.length)];
    Map<String, Object> content = new LinkedHashMap<>();
    if (youtube) {
      content.put("title", caption.split("#")[0].strip());
    }
    content.put("text", caption);
    content.put("transcription", transcript(random, youtube ? 2_400 : 300));
    content.put("duration", youtube ? 600 : 45);
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
    interaction.put("likes", views / 12);
    interaction.put("comments_count", views / 200);
    interaction.put("shares", views / 300);
    interaction.put("saves", views / 500);
    Map<String, Object> author = new LinkedHashMap<>();
    author.put("id", youtube ? "UC" + Long.toString(seed * 7 + index, 36) : "68123456789" + index);
    author.put("name", "Creator " + index);
    author.put("username", "creator" + index);
    author.put("followers", (long) random.nextInt(youtube ? 500_000 : 80_000));
    author.put("is_verified", random.nextInt(5) == 0);
    List<Map<String, Object>> comments = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      Map<String, Object> comment = new LinkedHashMap<>();
      comment.put("id", id + "-c" + c);
      comment.put("text", COMMENTS[random.nextInt(COMMENTS.length)]);
      comment.put("likes", random.nextInt(50));
      comment.put("author_name", "Viewer " + c);
      comment.put("created_at", published.plus(c + 1, ChronoUnit.HOURS).toString());
      comments.add(comment);
    }
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("meta", meta);
    item.put("content", content);
    item.put("interaction", interaction);
    item.put("author", author);
    item.put("comments", comments);
    return item;
  }

  private static Map<String, Object> errorItem(boolean youtube, String jobId, long seed) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("id", id(youtube, seed, 0));
    meta.put("platform", youtube ? "YOUTUBE" : "TIKTOK");
    meta.put("job_id", jobId);
    meta.put("fetch_status", "error");
    meta.put("error_code", "CONTENT_REMOVED");
    meta.put("error_message", "Video has been removed by the creator");
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("meta", meta);
    item.put("content", null);
    item.put("comments", List.of());
    return item;
  }
}
