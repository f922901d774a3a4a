package smap.analytics.domain.item;

import static smap.analytics.domain.message.JsonTree.array;
import static smap.analytics.domain.message.JsonTree.at;
import static smap.analytics.domain.message.JsonTree.first;
import static smap.analytics.domain.message.JsonTree.object;
import static smap.analytics.domain.message.JsonTree.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import smap.analytics.domain.item.CrawlItem.Author;
import smap.analytics.domain.item.CrawlItem.Comment;
import smap.analytics.domain.item.CrawlItem.ErrorItem;
import smap.analytics.domain.item.CrawlItem.Interaction;
import smap.analytics.domain.item.CrawlItem.PostItem;
import smap.analytics.domain.item.CrawlItem.UnreadableItem;
import smap.analytics.domain.message.JsonTree;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/**
 * Reads one batch entry (a JSON tree of JDK types) into a {@link CrawlItem}. It reads both naming
 * variants real producers send (CONTRACT 3): {@code meta.error_message} or {@code
 * meta.fetch_error}, {@code comments[].author_name} or {@code comments[].user.name}, {@code
 * created_at} or {@code published_at}, {@code interaction} or {@code interactions}, and the older
 * schema's {@code content.description}, {@code content.view_count}, {@code author.follower_count}.
 * Ids stay strings, even when sent as JSON numbers. It never throws.
 */
public final class CrawlItemReader {
  /** Upper bound of a stored id ({@code post_analytics.id}). */
  public static final int MAX_ID_LENGTH = ColumnLimits.POST_ID.limit();

  /** Characters of a raw value repeated in a warning. */
  private static final int ECHO = 80;

  private CrawlItemReader() {}

  /** Reads entry {@code index} of a batch. */
  public static CrawlItem read(Object node, int index) {
    Map<String, Object> item = object(node);
    String position = "items[" + index + "]";
    if (item == null) {
      return new UnreadableItem(
          index, positionalId(index), null, position + ": expected an object, got " + kind(node));
    }
    Object meta = item.get("meta");
    if (meta != null && object(meta) == null) {
      return new UnreadableItem(
          index,
          positionalId(index),
          null,
          position + ".meta: expected an object, got " + kind(meta));
    }
    String id = text(at(item, "meta", "id"));
    String platform = text(at(item, "meta", "platform"));
    String fetchStatus = text(at(item, "meta", "fetch_status"));
    if ("error".equals(fetchStatus)) {
      return new ErrorItem(
          index,
          id == null ? positionalId(index) : clip(id),
          platform,
          text(at(item, "meta", "permalink")),
          text(at(item, "meta", "error_code")),
          firstText(item, "meta.error_message", "meta.fetch_error"),
          object(at(item, "meta", "error_details")));
    }
    if (id == null) {
      return new UnreadableItem(
          index,
          positionalId(index),
          platform,
          position + ".meta.id: is missing; a post needs an id");
    }
    if (id.length() > MAX_ID_LENGTH) {
      return new UnreadableItem(
          index,
          clip(id),
          platform,
          position + ".meta.id: longer than " + MAX_ID_LENGTH + " characters");
    }
    List<String> warnings = new ArrayList<>();
    id = Storable.text(id, ColumnLimits.POST_ID, position + ".meta.id", warnings);
    if (id.isBlank()) {
      return new UnreadableItem(
          index, positionalId(index), platform, position + ".meta.id: holds nothing storable");
    }
    Object publishedRaw = at(item, "meta", "published_at");
    Instant publishedAt = JsonTree.instant(publishedRaw);
    if (publishedAt == null && publishedRaw != null) {
      warnings.add(
          position
              + ".meta.published_at: '"
              + Storable.reason(String.valueOf(publishedRaw), ECHO)
              + "' is not a timestamp");
    }
    Object content = item.get("content");
    List<String> hashtags = new ArrayList<>();
    List<Object> rawTags = array(first(content, "hashtags", "tags"));
    if (rawTags != null) {
      for (Object tag : rawTags) {
        String t =
            Storable.text(
                text(tag), ColumnLimits.HASHTAG, position + ".content.hashtags", warnings);
        if (t != null) {
          hashtags.add(t);
        }
      }
    }
    Long duration = JsonTree.wholeNumber(first(content, "duration", "duration_seconds"));
    return new PostItem(
        index,
        id,
        platform,
        Storable.text(
            firstText(item, "meta.permalink", "content.url"),
            ColumnLimits.URL,
            position + ".meta.permalink",
            warnings),
        publishedAt,
        Storable.text(
            firstText(content, "text", "description"),
            ColumnLimits.CONTENT_TEXT,
            position + ".content.text",
            warnings),
        Storable.text(
            text(at(content, "transcription")),
            ColumnLimits.CONTENT_TEXT,
            position + ".content.transcription",
            warnings),
        duration == null || duration < 0 || duration > Integer.MAX_VALUE
            ? null
            : duration.intValue(),
        hashtags,
        interaction(item),
        author(item.get("author"), position + ".author", warnings),
        comments(id, item.get("comments"), position + ".comments", warnings),
        warnings);
  }

  private static Interaction interaction(Map<String, Object> item) {
    Object block = first(item, "interaction", "interactions");
    Object content = item.get("content"); // the older schema kept counts in content
    return new Interaction(
        count(first(block, "views", "view_count", "play_count"), at(content, "view_count")),
        count(first(block, "likes", "like_count"), at(content, "like_count")),
        count(first(block, "comments_count", "comment_count"), at(content, "comment_count")),
        count(first(block, "shares", "share_count"), at(content, "share_count")),
        count(first(block, "saves", "save_count"), at(content, "save_count")));
  }

  private static long count(Object value, Object fallback) {
    return JsonTree.count(value != null ? value : fallback);
  }

  private static Author author(Object author, String position, List<String> warnings) {
    if (object(author) == null) {
      return Author.NONE;
    }
    Boolean verified = JsonTree.bool(first(author, "is_verified", "verified"));
    return new Author(
        Storable.text(
            firstText(author, "id", "external_id"),
            ColumnLimits.AUTHOR_ID,
            position + ".id",
            warnings),
        Storable.text(
            firstText(author, "name", "display_name"),
            ColumnLimits.AUTHOR_NAME,
            position + ".name",
            warnings),
        Storable.text(
            firstText(author, "username"),
            ColumnLimits.AUTHOR_USERNAME,
            position + ".username",
            warnings),
        Storable.text(
            firstText(author, "avatar_url"), ColumnLimits.URL, position + ".avatar_url", warnings),
        JsonTree.count(first(author, "followers", "follower_count")),
        verified != null && verified);
  }

  private static List<Comment> comments(
      String postId, Object node, String position, List<String> warnings) {
    List<Object> raw = array(node);
    if (raw == null) {
      return List.of();
    }
    List<Comment> comments = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      Object c = raw.get(i);
      String text = object(c) == null ? null : text(at(c, "text"));
      if (text == null) {
        continue; // the original skips comments without text too
      }
      String at = position + "[" + i + "]";
      String id =
          Storable.text(
              firstText(c, "id", "external_id", "comment_id"),
              ColumnLimits.COMMENT_ID,
              at + ".id",
              warnings);
      if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
        id = "h:" + shortHash(postId + "\u0000" + i + "\u0000" + text);
      }
      comments.add(
          new Comment(
              id,
              Storable.text(text, ColumnLimits.CONTENT_TEXT, at + ".text", warnings),
              Storable.text(
                  firstText(
                      c, "author_name", "user.name", "author_display_name", "author_username"),
                  ColumnLimits.AUTHOR_NAME,
                  at + ".author_name",
                  warnings),
              JsonTree.count(first(c, "likes", "like_count")),
              JsonTree.instant(first(c, "created_at", "published_at"))));
    }
    return comments;
  }

  /**
   * The first of {@code paths} that holds usable text. Unlike {@code text(first(...))}, a blank or
   * "NULL" earlier variant does not hide a later one ({@code "text": ""} falls back to {@code
   * description}, an empty {@code error_message} to {@code fetch_error}), as the original's {@code
   * a or b} did.
   */
  private static String firstText(Object node, String... paths) {
    for (String path : paths) {
      String value = text(at(node, path.split("\\.")));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** The id an item without {@code meta.id} is recorded under. */
  public static String positionalId(int index) {
    return "item-" + index;
  }

  private static String clip(String id) {
    return id.length() <= MAX_ID_LENGTH ? id : id.substring(0, MAX_ID_LENGTH);
  }

  private static String kind(Object node) {
    return switch (node) {
      case null -> "null";
      case List<?> l -> "an array";
      case String s -> "a string";
      case Number n -> "a number";
      case Boolean b -> "a boolean";
      default -> "an object";
    };
  }

  private static String shortHash(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
