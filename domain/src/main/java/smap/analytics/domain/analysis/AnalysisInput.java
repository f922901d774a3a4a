package smap.analytics.domain.analysis;

import java.util.List;
import smap.analytics.domain.batch.Platform;

/** What the analysis reads of one post; null texts and lists are treated as empty. */
public record AnalysisInput(
    Platform platform,
    String caption,
    String transcription,
    List<CommentText> comments,
    long views,
    long likes,
    long commentsCount,
    long shares,
    long saves,
    long followers,
    boolean verified) {

  public AnalysisInput {
    platform = platform == null ? Platform.UNKNOWN : platform;
    caption = caption == null ? "" : caption;
    transcription = transcription == null ? "" : transcription;
    comments = comments == null ? List.of() : List.copyOf(comments);
  }
}
