package smap.analytics.domain.post;

import java.time.Instant;
import java.util.Objects;

/** One row of {@code post_comments}, unique on {@code (postId, commentId)}. */
public record CommentRecord(
    String postId,
    String commentId,
    String text,
    String authorName,
    long likes,
    Instant commentedAt) {
  public CommentRecord {
    Objects.requireNonNull(postId, "postId");
    Objects.requireNonNull(commentId, "commentId");
    Objects.requireNonNull(text, "text");
  }
}
