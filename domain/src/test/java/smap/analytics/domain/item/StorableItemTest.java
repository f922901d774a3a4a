package smap.analytics.domain.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smap.analytics.domain.item.CrawlItem.PostItem;
import smap.analytics.domain.item.CrawlItem.UnreadableItem;

/** Item fields leave the reader storable: U+0000 removed, text bounded, each change a warning. */
class StorableItemTest {

  private static CrawlItem read(String block, String field, Object value) {
    Map<String, Object> meta = new HashMap<>(Map.of("id", "p1"));
    Map<String, Object> item = new HashMap<>();
    item.put("meta", meta);
    Map<String, Object> target = block.equals("meta") ? meta : new HashMap<>();
    if (!block.equals("meta")) {
      item.put(block, target);
    }
    target.put(field, value);
    return CrawlItemReader.read(item, 3);
  }

  private static final Map<String, Function<PostItem, String>> READ =
      Map.of(
          "meta.id",
          PostItem::id,
          "meta.permalink",
          PostItem::permalink,
          "content.text",
          PostItem::caption,
          "content.transcription",
          PostItem::transcription,
          "author.id",
          p -> p.author().id(),
          "author.name",
          p -> p.author().name(),
          "author.username",
          p -> p.author().username(),
          "author.avatar_url",
          p -> p.author().avatarUrl());

  @ParameterizedTest(name = "{0}.{1} of {2} chars -> {3}")
  @CsvSource({
    "meta,    id,          99,     99",
    "meta,    permalink,   5000,   4096",
    "content, text,        250000, 200000",
    "content, transcription, 250000, 200000",
    "author,  id,          101,    100",
    "author,  name,        300,    200",
    "author,  username,    101,    100",
    "author,  avatar_url,  4097,   4096"
  })
  void textIsBoundedToItsColumnWithAWarning(String block, String field, int length, int stored) {
    PostItem post = (PostItem) read(block, field, "v".repeat(length));
    assertThat(READ.get(block + "." + field).apply(post)).hasSize(stored);
    if (stored < length) {
      assertThat(post.warnings())
          .contains(
              "items[3]."
                  + block
                  + "."
                  + field
                  + ": cut from "
                  + length
                  + " to "
                  + stored
                  + " characters to store it");
    }
  }

  @ParameterizedTest(name = "{0}.{1}")
  @CsvSource({"meta, id", "content, text", "author, name", "meta, permalink"})
  void nulCharactersAreRemovedWithAWarning(String block, String field) {
    PostItem post = (PostItem) read(block, field, "a\u0000b");
    assertThat(READ.get(block + "." + field).apply(post)).isEqualTo("ab");
    assertThat(post.warnings())
        .contains("items[3]." + block + "." + field + ": U+0000 removed to store it");
  }

  @Test
  void anIdOfOnlyNulCharactersIsUnreadable() {
    assertThat(read("meta", "id", "\u0000\u0000")).isInstanceOf(UnreadableItem.class);
  }

  @Test
  void commentsAndHashtagsAreStorable() {
    Map<String, Object> item = new HashMap<>();
    item.put("meta", Map.of("id", "p1"));
    item.put("content", Map.of("hashtags", List.of("ok", "x".repeat(300), "n\u0000ul")));
    item.put(
        "comments",
        List.of(Map.of("id", "c\u00001", "text", "hi\u0000", "author_name", "a".repeat(250))));
    PostItem post = (PostItem) CrawlItemReader.read(item, 0);
    assertThat(post.hashtags()).containsExactly("ok", "x".repeat(200), "nul");
    assertThat(post.comments().get(0).id()).isEqualTo("c1");
    assertThat(post.comments().get(0).text()).isEqualTo("hi");
    assertThat(post.comments().get(0).authorName()).hasSize(200);
    assertThat(post.warnings()).hasSize(5);
  }

  @Test
  void countsSentAsHugeTextReadAsZero() {
    Map<String, Object> item = new HashMap<>();
    item.put("meta", Map.of("id", "p1"));
    item.put("interaction", Map.of("views", "9".repeat(1_000_000), "likes", "12"));
    PostItem post = (PostItem) CrawlItemReader.read(item, 0);
    assertThat(post.interaction().views()).isZero();
    assertThat(post.interaction().likes()).isEqualTo(12);
  }
}
