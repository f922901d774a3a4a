package smap.analytics.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import smap.analytics.domain.analysis.AnalysisInput;
import smap.analytics.domain.analysis.AnalysisOutcome;
import smap.analytics.domain.analysis.AnalysisStages;
import smap.analytics.domain.analysis.CommentText;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.batch.Platform;

/** Microseconds to analyse one realistic post (all five stages), on one thread. */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PostAnalysisBenchmark {

  private final PostAnalyser analyser = PostAnalyser.withDefaults();
  private final AnalysisInput tiktok = tiktok();
  private final AnalysisInput youtube = youtube();
  private final AnalysisInput youtubeLong = youtubeLong();
  private final AnalysisInput repetitive = repetitive();

  private static List<CommentText> comments(int n) {
    String[] texts = {
      "Video hay quá! Cảm ơn bạn đã review",
      "Giá cao quá, không đáng",
      "xe đẹp thật sự 😍😍",
      "Pin có bền không bạn?",
      "dịch vụ tệ lắm, đừng mua",
      "Great video, very helpful",
      "🔥🔥🔥",
      "k mua đc vì đắt quá",
      "Mình cũng đang cân nhắc mua VF8",
      "Thiết kế đẹp nhưng giá hơi cao"
    };
    List<CommentText> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new CommentText(texts[i % texts.length], (i * 37L) % 100));
    }
    return list;
  }

  static AnalysisInput tiktok() {
    return new AnalysisInput(
        Platform.TIKTOK,
        "Review chi tiết VinFast VF8 sau 1 tháng sử dụng. Xe chạy êm, pin trâu! #vinfast #vf8 #review",
        "Xin chào các bạn, hôm nay mình sẽ review chi tiết chiếc VinFast VF8 sau một tháng sử dụng. Xe chạy"
            + " rất êm, cách âm tốt, pin đi được khoảng bốn trăm cây số, sạc nhanh ở trạm sạc gần nhà. Giá lăn"
            + " bánh hơi cao nhưng bù lại dịch vụ bảo hành tốt, nhân viên nhiệt tình.",
        comments(30),
        18_000,
        839,
        36,
        93,
        469,
        204,
        false);
  }

  static AnalysisInput youtube() {
    return youtube(8);
  }

  /** A 15-minute review: the same speech, 11,300 characters. */
  static AnalysisInput youtubeLong() {
    return youtube(40);
  }

  /**
   * A worst case for the intent patterns: a 19,800-character transcript repeating "tệ" 1,800 times,
   * with "nhất" (which "tệ.*nhất" needs after it) only at the start.
   */
  static AnalysisInput repetitive() {
    return new AnalysisInput(
        Platform.YOUTUBE,
        "cap",
        "nhất là " + "tệ thật sự ".repeat(1_800),
        List.of(),
        1_000,
        10,
        1,
        0,
        0,
        100,
        false);
  }

  /** A YouTube post whose transcript is a 283-character paragraph {@code times} times. */
  static AnalysisInput youtube(int times) {
    String transcript =
        ("Chào mọi người, hôm nay chúng ta cùng đánh giá Toyota Vios bản 2025 sau mười nghìn km. Động cơ"
                + " vận hành bền bỉ, tiêu hao nhiên liệu thấp, chi phí bảo dưỡng rẻ. Nội thất thì hơi cũ, màn"
                + " hình nhỏ và phần mềm có lúc bị lag. Ghế ngồi khá êm, cách âm ở tốc độ cao chưa tốt lắm. ")
            .repeat(times);
    return new AnalysisInput(
        Platform.YOUTUBE,
        "Đánh giá chi tiết Toyota Vios 2025: vận hành, tiêu hao nhiên liệu, chi phí bảo dưỡng. #toyota #vios",
        transcript,
        comments(50),
        250_000,
        12_000,
        850,
        0,
        0,
        320_000,
        true);
  }

  @Benchmark
  public AnalysisOutcome tiktokPost() {
    return analyser.analyse(tiktok, AnalysisStages.all());
  }

  @Benchmark
  public AnalysisOutcome youtubePost() {
    return analyser.analyse(youtube, AnalysisStages.all());
  }

  @Benchmark
  public AnalysisOutcome youtubeLongPost() {
    return analyser.analyse(youtubeLong, AnalysisStages.all());
  }

  @Benchmark
  public AnalysisOutcome repetitivePost() {
    return analyser.analyse(repetitive, AnalysisStages.all());
  }
}
