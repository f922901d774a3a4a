package smap.analytics.domain.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.post.PostRecord.AuthorInfo;
import smap.analytics.domain.post.PostRecord.Content;
import smap.analytics.domain.post.PostRecord.CrawlMetadata;
import smap.analytics.domain.post.PostRecord.Impact;
import smap.analytics.domain.post.PostRecord.Metrics;
import smap.analytics.domain.post.PostRecord.Sentiment;

class PostRecordTest {
  private static final Instant T = Instant.parse("2025-12-17T10:00:00Z");

  private static PostRecord record(String id, String projectId, Sentiment sentiment) {
    return new PostRecord(
        id,
        projectId,
        Platform.TIKTOK,
        T,
        T,
        sentiment,
        "DISCUSSION",
        0.5,
        new Impact(7.19, "LOW", false, true),
        null,
        null,
        null,
        null,
        new Metrics(3_000_000_000L, 500, 50, 100, 25, 50000),
        12,
        "phobert-v2",
        new CrawlMetadata(
            "evt_abc123",
            "proj_xyz-brand-0",
            0,
            "research_and_crawl",
            "VinFast VF8",
            T,
            "crawler_tiktok_v3",
            "VinFast",
            "VinFast VF8"),
        new Content("text", null, 45, List.of("vinfast"), null),
        new AuthorInfo(null, null, null, null, false));
  }

  @Test
  void missingJsonColumnsAreEmptyNotNull() {
    PostRecord record = record("7441234567890123456", "proj_xyz", new Sentiment("NEUTRAL", 0, 0));

    assertThat(record.aspectsBreakdown()).isEmpty();
    assertThat(record.keywords()).isEmpty();
    assertThat(record.sentimentProbabilities()).isEmpty();
    assertThat(record.impactBreakdown()).isEmpty();
  }

  @Test
  void aDryRunPostHasNoProject() {
    // CONTRACT 5: a dry-run batch is stored with a null project
    assertThat(record("1", null, new Sentiment("NEUTRAL", 0, 0)).projectId()).isNull();
  }

  @Test
  void countsAreSixtyFourBit() {
    // facts 13.17: YouTube views above 2^31 overflowed INTEGER columns
    assertThat(record("1", "p", new Sentiment("NEUTRAL", 0, 0)).metrics().views())
        .isEqualTo(3_000_000_000L);
  }

  @Test
  void theIdAndTheAnalysisAreRequired() {
    assertThatThrownBy(() -> record(null, "p", new Sentiment("NEUTRAL", 0, 0)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> record("1", "p", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("sentiment");
  }

  @Test
  void aCommentNeedsItsPostItsIdAndText() {
    CommentRecord comment = new CommentRecord("p1", "c1", "hay", null, 0, null);

    assertThat(comment.authorName()).isNull();
    assertThatThrownBy(() -> new CommentRecord(null, "c1", "t", null, 0, null))
        .hasMessageContaining("postId");
    assertThatThrownBy(() -> new CommentRecord("p1", null, "t", null, 0, null))
        .hasMessageContaining("commentId");
    assertThatThrownBy(() -> new CommentRecord("p1", "c1", null, null, 0, null))
        .hasMessageContaining("text");
  }
}
