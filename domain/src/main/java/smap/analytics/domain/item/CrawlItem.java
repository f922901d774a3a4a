package smap.analytics.domain.item;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One entry of a batch file, read into one of three kinds. */
public sealed interface CrawlItem {

  /** Position in the batch file, from 0. */
  int index();

  /**
   * A post the crawler fetched: it is analysed and stored.
   *
   * @param platform {@code meta.platform} as sent (null if absent)
   * @param warnings field-level problems that did not stop the item
   */
  record PostItem(
      int index,
      String id,
      String platform,
      String permalink,
      Instant publishedAt,
      String caption,
      String transcription,
      Integer durationSeconds,
      List<String> hashtags,
      Interaction interaction,
      Author author,
      List<Comment> comments,
      List<String> warnings)
      implements CrawlItem {
    public PostItem {
      Objects.requireNonNull(id, "id");
      hashtags = List.copyOf(hashtags);
      comments = List.copyOf(comments);
      warnings = List.copyOf(warnings);
      Objects.requireNonNull(interaction, "interaction");
      Objects.requireNonNull(author, "author");
    }
  }

  /**
   * An item the crawler failed to fetch ({@code meta.fetch_status == "error"}).
   *
   * @param contentId {@code meta.id}, or a positional id when absent
   * @param errorCode the code as sent (null if absent)
   * @param message {@code meta.error_message} or {@code meta.fetch_error}
   */
  record ErrorItem(
      int index,
      String contentId,
      String platform,
      String permalink,
      String errorCode,
      String message,
      Map<String, Object> details)
      implements CrawlItem {
    public ErrorItem {
      Objects.requireNonNull(contentId, "contentId");
      details = details == null ? Map.of() : details;
    }
  }

  /**
   * An entry that cannot be processed (not an object, no {@code meta.id}): it becomes an {@code
   * INTERNAL_ERROR} row and the rest of the batch goes on.
   *
   * @param contentId the id if one could be read, else a positional id
   * @param reason what is wrong and where
   */
  record UnreadableItem(int index, String contentId, String platform, String reason)
      implements CrawlItem {
    public UnreadableItem {
      Objects.requireNonNull(contentId, "contentId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Engagement counts, each zero or more. */
  record Interaction(long views, long likes, long commentsCount, long shares, long saves) {
    public static final Interaction NONE = new Interaction(0, 0, 0, 0, 0);
  }

  /** The post's author; every text field may be null. */
  record Author(
      String id, String name, String username, String avatarUrl, long followers, boolean verified) {
    public static final Author NONE = new Author(null, null, null, null, 0, false);
  }

  /**
   * A comment under the post.
   *
   * @param id the platform's id, or a stable one derived from the post, position and text
   */
  record Comment(String id, String text, String authorName, long likes, Instant commentedAt) {
    public Comment {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(text, "text");
    }
  }
}
