package smap.analytics.domain.analysis;

/** A comment as the analysis sees it: its text (never null) and likes. */
public record CommentText(String text, long likes) {
  public CommentText {
    text = text == null ? "" : text;
    likes = Math.max(0, likes);
  }
}
