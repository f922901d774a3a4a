package smap.analytics.domain.item;

import static org.assertj.core.api.Assertions.assertThat;
import static smap.analytics.domain.message.JsonFixtures.sample;
import static smap.analytics.domain.message.JsonFixtures.tree;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import smap.analytics.domain.error.ErrorCategory;
import smap.analytics.domain.error.ErrorCode;
import smap.analytics.domain.item.CrawlItem.Author;
import smap.analytics.domain.item.CrawlItem.Comment;
import smap.analytics.domain.item.CrawlItem.ErrorItem;
import smap.analytics.domain.item.CrawlItem.Interaction;
import smap.analytics.domain.item.CrawlItem.PostItem;
import smap.analytics.domain.item.CrawlItem.UnreadableItem;

class CrawlItemReaderTest {

  private static PostItem post(Object node) {
    CrawlItem item = CrawlItemReader.read(node, 0);
    assertThat(item).isInstanceOf(PostItem.class);
    return (PostItem) item;
  }

  private static PostItem post(String json) {
    return post(tree(json));
  }

  private static ErrorItem error(Object node, int index) {
    CrawlItem item = CrawlItemReader.read(node, index);
    assertThat(item).isInstanceOf(ErrorItem.class);
    return (ErrorItem) item;
  }

  private static UnreadableItem unreadable(Object node, int index) {
    CrawlItem item = CrawlItemReader.read(node, index);
    assertThat(item).isInstanceOf(UnreadableItem.class);
    return (UnreadableItem) item;
  }

  @Nested
  class ContractSchema {

    @Test
    void theContractV2SuccessItemIsReadFieldByField() {
      PostItem post = post(sample("batch_item_success_tiktok_contract_v2.json"));

      assertThat(post.index()).isZero();
      assertThat(post.id()).isEqualTo("7441234567890123456");
      assertThat(post.platform()).isEqualTo("TIKTOK");
      assertThat(post.permalink())
          .isEqualTo("https://tiktok.com/@techreviewer/video/7441234567890123456");
      assertThat(post.publishedAt()).isEqualTo(Instant.parse("2025-12-10T08:00:00Z"));
      assertThat(post.caption()).startsWith("Review chi tiết VinFast VF8 sau 1 tháng");
      assertThat(post.transcription()).startsWith("Xin chào các bạn");
      assertThat(post.durationSeconds()).isEqualTo(180);
      assertThat(post.hashtags()).containsExactly("vinfast", "vf8", "review");
      assertThat(post.interaction()).isEqualTo(new Interaction(10000, 500, 50, 100, 25));
      assertThat(post.author())
          .isEqualTo(
              new Author(
                  "author_456",
                  "Tech Reviewer",
                  "@techreviewer",
                  "https://p16-sign.tiktokcdn.com/avatar/xxx",
                  50000,
                  true));
      assertThat(post.comments())
          .containsExactly(
              new Comment(
                  "cmt_001",
                  "Video hay quá! Cảm ơn bạn đã review",
                  "User123",
                  10,
                  Instant.parse("2025-12-11T10:00:00Z")),
              new Comment(
                  "cmt_002",
                  "Mình cũng đang cân nhắc mua VF8",
                  "User456",
                  5,
                  Instant.parse("2025-12-11T11:00:00Z")));
      assertThat(post.warnings()).isEmpty();
    }

    @Test
    void theContractV2ErrorItemIsACrawlerError() {
      ErrorItem error = error(sample("batch_item_error_contract_v2.json"), 4);

      assertThat(error)
          .isEqualTo(
              new ErrorItem(
                  4,
                  "7441234567890999999",
                  "TIKTOK",
                  "https://tiktok.com/@user/video/7441234567890999999",
                  "CONTENT_REMOVED",
                  "Video has been removed by the creator",
                  Map.of()));
      assertThat(ErrorCode.of(error.errorCode()).category()).isEqualTo(ErrorCategory.CONTENT);
    }

    @Test
    void aNineteenDigitIdSentAsAJsonNumberStaysExact() {
      // facts 13.15: a double would turn ...123456 into ...123000
      PostItem post =
          post(
              "{'meta': {'id': 7441234567890123456}, 'comments': "
                  + "[{'id': 7441234567890123999, 'text': 'hay'}]}");

      assertThat(post.id()).isEqualTo("7441234567890123456");
      assertThat(post.comments()).extracting(Comment::id).containsExactly("7441234567890123999");
    }
  }

  @Nested
  class NamingVariants {

    @Test
    void theErrorMessageIsReadFromErrorMessageOrFetchError() {
      assertThat(
              error(tree("{'meta': {'id': '1', 'fetch_status': 'error', 'error_message': 'a'}}"), 0)
                  .message())
          .isEqualTo("a");
      assertThat(
              error(tree("{'meta': {'id': '1', 'fetch_status': 'error', 'fetch_error': 'b'}}"), 0)
                  .message())
          .isEqualTo("b");
      assertThat(
              error(
                      tree(
                          "{'meta': {'id': '1', 'fetch_status': 'error', 'error_message': 'a',"
                              + " 'fetch_error': 'b'}}"),
                      0)
                  .message())
          .isEqualTo("a");
      assertThat(
              error(
                      tree(
                          "{'meta': {'id': '1', 'fetch_status': 'error', 'error_message': null,"
                              + " 'fetch_error': 'b'}}"),
                      0)
                  .message())
          .isEqualTo("b");
    }

    @Test
    void anEmptyErrorMessageDoesNotHideTheFetchError() {
      assertThat(
              error(
                      tree(
                          "{'meta': {'id': '1', 'fetch_status': 'error', 'error_message': '',"
                              + " 'fetch_error': 'Video has been removed'}}"),
                      0)
                  .message())
          .isEqualTo("Video has been removed");
    }

    @Test
    void anEmptyAuthorNameDoesNotHideTheUserName() {
      assertThat(
              post("{'meta': {'id': '1'}, 'comments': [{'id': 'c', 'text': 't', 'author_name': '',"
                      + " 'user': {'name': 'Minh'}}]}")
                  .comments())
          .extracting(Comment::authorName)
          .containsExactly("Minh");
    }

    @Test
    void theCommentAuthorIsReadFromAuthorNameOrUserName() {
      PostItem post =
          post(
              "{'meta': {'id': '1'}, 'comments': ["
                  + "{'id': 'c1', 'text': 'a', 'author_name': 'Minh'},"
                  + "{'id': 'c2', 'text': 'b', 'user': {'id': 'UCzz9', 'name': 'Minh Tran'}},"
                  + "{'id': 'c3', 'text': 'c', 'author_name': 'Lan', 'user': {'name': 'X'}},"
                  + "{'id': 'c4', 'text': 'd'}]}");

      assertThat(post.comments())
          .extracting(Comment::authorName)
          .containsExactly("Minh", "Minh Tran", "Lan", null);
    }

    @Test
    void theCommentTimeIsReadFromCreatedAtOrPublishedAt() {
      PostItem post =
          post(
              "{'meta': {'id': '1'}, 'comments': ["
                  + "{'id': 'c1', 'text': 'a', 'created_at': '2025-12-02T09:00:00Z'},"
                  + "{'id': 'c2', 'text': 'b', 'published_at': '2025-12-03T09:00:00Z'},"
                  + "{'id': 'c3', 'text': 'c', 'created_at': 'not a time'}]}");

      assertThat(post.comments())
          .extracting(Comment::commentedAt)
          .containsExactly(
              Instant.parse("2025-12-02T09:00:00Z"), Instant.parse("2025-12-03T09:00:00Z"), null);
    }

    @Test
    void theCountsAreReadFromInteractionOrInteractions() {
      // facts 13.8: the original read only the singular and silently got zeros
      Interaction expected = new Interaction(10, 2, 3, 4, 5);
      String counts = "{'views': 10, 'likes': 2, 'comments_count': 3, 'shares': 4, 'saves': 5}";

      assertThat(post("{'meta': {'id': '1'}, 'interaction': " + counts + "}").interaction())
          .isEqualTo(expected);
      assertThat(post("{'meta': {'id': '1'}, 'interactions': " + counts + "}").interaction())
          .isEqualTo(expected);
    }

    @Test
    void theYouTubeProducerItemOfFacts310IsRead() {
      PostItem post =
          post(
              """
              {"meta": {"id": "x8Kp2QeV7aM", "platform": "YOUTUBE", "fetch_status": "success",
                        "fetch_error": null, "published_at": "2025-12-01T12:00:00Z"},
               "content": {"title": "Đánh giá Toyota Vios 2025", "text": "Đánh giá chi tiết",
                           "transcription": "Chào mọi người", "duration": 754,
                           "hashtags": ["toyota", "vios"], "category": "Autos & Vehicles"},
               "interaction": {"views": 250000, "likes": 12000, "comments_count": 850,
                               "shares": 0, "saves": 0, "updated_at": "2025-12-17T10:05:00Z"},
               "author": {"id": "UC1a2b3c4d5e6f7g8h9i0jKL", "name": "Xe Hay Channel",
                          "username": "@xehaychannel", "followers": 320000, "is_verified": true,
                          "avatar_url": "https://yt3.ggpht.com/xxx", "country": "VN"},
               "comments": [{"id": "UgzAbCdEf1234567890", "parent_id": null,
                             "user": {"id": "UCzz9", "name": "Minh Tran", "avatar_url": null},
                             "text": "Vios bền, giá hợp lý", "likes": 42, "replies_count": 3,
                             "published_at": "2025-12-02T09:00:00Z", "is_favorited": true}]}
              """
                  .replace('"', '\''));

      assertThat(post.interaction()).isEqualTo(new Interaction(250000, 12000, 850, 0, 0));
      assertThat(post.author().followers()).isEqualTo(320000);
      assertThat(post.comments())
          .containsExactly(
              new Comment(
                  "UgzAbCdEf1234567890",
                  "Vios bền, giá hợp lý",
                  "Minh Tran",
                  42,
                  Instant.parse("2025-12-02T09:00:00Z")));
    }
  }

  @Nested
  class OldDecember06Schema {

    @Test
    void theOldTikTokItemGetsItsMetricsAuthorAndCommentsFromTheOldNames() {
      // facts 3.8 / 13.8: the original read none of these names and stored zeros
      PostItem post = post(sample("batch_item_tiktok_crawler_guide_2025-12-06.json"));

      assertThat(post.id()).isEqualTo("video7312345678901234567");
      assertThat(post.platform()).isEqualTo("tiktok");
      assertThat(post.caption()).startsWith("Amazing VinFast VF8 electric SUV review!");
      assertThat(post.transcription()).startsWith("Hôm nay mình sẽ review VinFast VF8");
      assertThat(post.durationSeconds()).isEqualTo(45);
      assertThat(post.hashtags())
          .containsExactly("VinFast", "VF8", "ElectricVehicle", "EVReview", "Vietnam");
      assertThat(post.interaction()).isEqualTo(new Interaction(125340, 8567, 342, 156, 89));
      assertThat(post.author().name()).isEqualTo("Car Evolution VN");
      assertThat(post.author().username()).isEqualTo("carevolutionvn");
      assertThat(post.author().followers()).isEqualTo(125000);
      assertThat(post.author().verified()).isTrue();
      assertThat(post.publishedAt()).isEqualTo(Instant.parse("2025-12-05T15:30:00Z"));
      assertThat(post.comments())
          .containsExactly(
              new Comment(
                  "7312345678901234999",
                  "Xe đẹp quá! Muốn mua VF8 lắm rồi!",
                  "Nguyen Van A",
                  45,
                  Instant.parse("2025-12-05T16:00:00Z")),
              new Comment(
                  "7312345678901235000",
                  "Giá bao nhiêu vậy bạn?",
                  "Tran Thi B",
                  12,
                  Instant.parse("2025-12-05T16:15:00Z")));
    }

    @Test
    void theOldErrorItemKeepsItsFetchErrorAndDetails() {
      ErrorItem error = error(sample("batch_item_error_crawler_guide_2025-12-06.json"), 1);

      assertThat(error.contentId()).isEqualTo("video7312345678901234568");
      assertThat(error.platform()).isEqualTo("tiktok");
      assertThat(error.errorCode()).isEqualTo("CONTENT_REMOVED");
      assertThat(error.message()).isEqualTo("Content has been removed by the author");
      assertThat(error.permalink())
          .isEqualTo("https://www.tiktok.com/@username/video/7312345678901234568");
      assertThat(error.details())
          .containsEntry("exception_type", "ContentRemovedError")
          .containsEntry("response_code", 404);
    }

    @Test
    void theMockTwoItemBatchIsOnePostAndOneError() {
      List<?> batch = (List<?>) sample("batch_file_mock_2items_crawler_guide_2025-12-06.json");

      PostItem post = post(batch.get(0));
      ErrorItem error = error(batch.get(1), 1);

      assertThat(post.id()).isEqualTo("video_success_001");
      assertThat(post.caption()).isEqualTo("Test video");
      assertThat(post.permalink()).isEqualTo("https://tiktok.com/@test/video/001");
      assertThat(post.interaction().views()).isEqualTo(1000);
      assertThat(post.author().name()).isEqualTo("Test User");
      assertThat(error.index()).isEqualTo(1);
      assertThat(error.message()).isEqualTo("Content has been removed");
      assertThat(error.details()).containsEntry("exception_type", "ContentRemovedError");
    }
  }

  @Nested
  class ErrorItems {

    @Test
    void givenNoErrorCode_theCodeIsUnknownError() {
      ErrorItem error = error(tree("{'meta': {'id': '9', 'fetch_status': 'error'}}"), 0);

      assertThat(error.errorCode()).isNull();
      assertThat(error.message()).isNull();
      assertThat(error.details()).isEmpty();
      assertThat(ErrorCode.of(error.errorCode())).isEqualTo(ErrorCode.UNKNOWN_ERROR);
      assertThat(ErrorCode.of(error.errorCode()).category()).isEqualTo(ErrorCategory.GENERIC);
    }

    @Test
    void givenNoId_anErrorItemIsRecordedUnderItsPosition() {
      ErrorItem error = error(tree("{'meta': {'fetch_status': 'error'}}"), 7);

      assertThat(error.contentId()).isEqualTo("item-7").isEqualTo(CrawlItemReader.positionalId(7));
    }

    @Test
    void errorDetailsThatAreNotAnObjectAreEmpty() {
      assertThat(
              error(tree("{'meta': {'id': '1', 'fetch_status': 'error', 'error_details': 'x'}}"), 0)
                  .details())
          .isEmpty();
    }

    @Test
    void anErrorItemNeedsNoContentAuthorOrComments() {
      ErrorItem error =
          error(
              tree(
                  "{'meta': {'id': '1', 'fetch_status': 'error', 'error_code': 'rate_limited'},"
                      + " 'content': null, 'author': null, 'comments': []}"),
              0);

      assertThat(ErrorCode.of(error.errorCode())).isEqualTo(ErrorCode.of("RATE_LIMITED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'success'", "'ERROR'", "'Error'", "'failed'", "null", "''", "1"})
    void onlyTheExactStatusErrorMakesAnErrorItem(String status) {
      // facts 13.6: anything else, missing included, is processed as a success
      CrawlItem item =
          CrawlItemReader.read(tree("{'meta': {'id': '1', 'fetch_status': " + status + "}}"), 0);

      assertThat(item).isInstanceOf(PostItem.class);
    }

    @Test
    void aMissingStatusIsASuccess() {
      assertThat(CrawlItemReader.read(tree("{'meta': {'id': '1'}}"), 0))
          .isInstanceOf(PostItem.class);
    }
  }

  @Nested
  class Unreadable {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '"',
        value = {
          "null| items[3]: expected an object, got null",
          "'text'| items[3]: expected an object, got a string",
          "42| items[3]: expected an object, got a number",
          "true| items[3]: expected an object, got a boolean",
          "[{'meta': {'id': '1'}}]| items[3]: expected an object, got an array",
          "{'meta': 'x'}| items[3].meta: expected an object, got a string",
          "{'meta': [1]}| items[3].meta: expected an object, got an array",
          "{'meta': {'platform': 'TIKTOK'}}| items[3].meta.id: is missing; a post needs an id",
          "{'content': {'text': 'hay'}}| items[3].meta.id: is missing; a post needs an id",
          "{'meta': {'id': ''}}| items[3].meta.id: is missing; a post needs an id",
          "{'meta': {'id': {'v': 1}}}| items[3].meta.id: is missing; a post needs an id"
        })
    void anEntryThatIsNoPostIsUnreadableWithAReason(String json, String reason) {
      UnreadableItem item = unreadable(tree(json), 3);

      assertThat(item.reason()).isEqualTo(reason.strip());
      assertThat(item.index()).isEqualTo(3);
      assertThat(item.contentId()).isEqualTo("item-3");
    }

    @Test
    void anUnreadableItemKeepsThePlatformItNamed() {
      assertThat(unreadable(tree("{'meta': {'platform': 'TIKTOK'}}"), 0).platform())
          .isEqualTo("TIKTOK");
    }

    @Test
    void anOverlongIdIsUnreadableAndClipped() {
      String id = "9".repeat(CrawlItemReader.MAX_ID_LENGTH + 1);

      UnreadableItem item = unreadable(tree("{'meta': {'id': '" + id + "'}}"), 0);

      assertThat(item.contentId()).hasSize(CrawlItemReader.MAX_ID_LENGTH);
      assertThat(item.reason()).contains("longer than 100");
    }

    @Test
    void anIdOfExactlyTheLimitIsAPost() {
      String id = "9".repeat(CrawlItemReader.MAX_ID_LENGTH);

      assertThat(post("{'meta': {'id': '" + id + "'}}").id()).isEqualTo(id);
    }
  }

  @Nested
  class LenientValues {

    @Test
    void numbersSentAsStringsAreRead() {
      PostItem post =
          post(
              "{'meta': {'id': '1'}, 'content': {'duration': '45'},"
                  + " 'interaction': {'views': '10000', 'likes': '500', 'comments_count': ' 50 ',"
                  + " 'shares': '1e2', 'saves': '25.0'},"
                  + " 'author': {'followers': '50000', 'is_verified': 'True'},"
                  + " 'comments': [{'id': 'c', 'text': 't', 'likes': '7'}]}");

      assertThat(post.interaction()).isEqualTo(new Interaction(10000, 500, 50, 100, 25));
      assertThat(post.durationSeconds()).isEqualTo(45);
      assertThat(post.author().followers()).isEqualTo(50000);
      assertThat(post.author().verified()).isTrue();
      assertThat(post.comments().getFirst().likes()).isEqualTo(7);
    }

    @Test
    void nonNumericOrNegativeCountsAreZero() {
      PostItem post =
          post(
              "{'meta': {'id': '1'}, 'interaction': {'views': 'many', 'likes': -5,"
                  + " 'comments_count': null, 'shares': {}, 'saves': true},"
                  + " 'content': {'duration': -1}}");

      assertThat(post.interaction()).isEqualTo(Interaction.NONE);
      assertThat(post.durationSeconds()).isNull();
    }

    @Test
    void youTubeViewsAboveTwoBillionFit() {
      // facts 13.17: INTEGER columns overflowed
      assertThat(
              post("{'meta': {'id': '1'}, 'interaction': {'views': 3000000000}}")
                  .interaction()
                  .views())
          .isEqualTo(3_000_000_000L);
    }

    @Test
    void nullOrMissingBlocksGiveEmptyDefaults() {
      PostItem post =
          post(
              "{'meta': {'id': '1', 'platform': null, 'permalink': null, 'published_at': null},"
                  + " 'content': null, 'interaction': null, 'author': null, 'comments': null}");

      assertThat(post.platform()).isNull();
      assertThat(post.permalink()).isNull();
      assertThat(post.publishedAt()).isNull();
      assertThat(post.caption()).isNull();
      assertThat(post.transcription()).isNull();
      assertThat(post.durationSeconds()).isNull();
      assertThat(post.hashtags()).isEmpty();
      assertThat(post.interaction()).isEqualTo(Interaction.NONE);
      assertThat(post.author()).isEqualTo(Author.NONE);
      assertThat(post.comments()).isEmpty();
      assertThat(post.warnings()).isEmpty();
    }

    @Test
    void blocksOfTheWrongTypeAreIgnored() {
      PostItem post =
          post(
              "{'meta': {'id': '1'}, 'content': 'text', 'interaction': [1, 2],"
                  + " 'author': 'someone', 'comments': {'id': 'c'}}");

      assertThat(post.caption()).isNull();
      assertThat(post.interaction()).isEqualTo(Interaction.NONE);
      assertThat(post.author()).isEqualTo(Author.NONE);
      assertThat(post.comments()).isEmpty();
    }

    @Test
    void exportedNullStringsReadAsAbsent() {
      // facts 13.16
      PostItem post =
          post(
              "{'meta': {'id': '1', 'permalink': 'NULL'},"
                  + " 'author': {'name': 'NULL', 'is_verified': 'False'}}");

      assertThat(post.permalink()).isNull();
      assertThat(post.author().name()).isNull();
      assertThat(post.author().verified()).isFalse();
    }

    @Test
    void anUnparsablePublishTimeIsAWarningNotAFailure() {
      // facts 13.18: the application substitutes now() for a missing time
      PostItem post = post("{'meta': {'id': '1', 'published_at': 'last week'}}");

      assertThat(post.publishedAt()).isNull();
      assertThat(post.warnings())
          .singleElement()
          .isEqualTo("items[0].meta.published_at: 'last week' is not a timestamp");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"-1000000000000000000", "'+1000000000-01-01T00:00:00Z'", "99999999999999999999"})
    void aPublishTimeNoColumnCanHoldIsAWarningNotACrash(String value) {
      // the reader never throws: one absurd item must not fail its batch
      PostItem post = post("{'meta': {'id': '1', 'published_at': " + value + "}}");

      assertThat(post.publishedAt()).isNull();
      assertThat(post.warnings()).singleElement().asString().contains("meta.published_at");
    }

    @Test
    void theCaptionFallsBackToTheDescriptionWhenTheTextIsEmpty() {
      // facts 3.6: content.text, else content.description, else empty
      assertThat(
              post("{'meta': {'id': '1'}, 'content': {'text': 'a', 'description': 'b'}}").caption())
          .isEqualTo("a");
      assertThat(post("{'meta': {'id': '1'}, 'content': {'description': 'b'}}").caption())
          .isEqualTo("b");
      assertThat(
              post("{'meta': {'id': '1'}, 'content': {'text': null, 'description': 'b'}}")
                  .caption())
          .isEqualTo("b");
      assertThat(
              post("{'meta': {'id': '1'}, 'content': {'text': '', 'description': 'b'}}").caption())
          .isEqualTo("b");
      assertThat(
              post("{'meta': {'id': '1'}, 'content': {'text': '  ', 'description': 'b'}}")
                  .caption())
          .isEqualTo("b");
    }

    @Test
    void hashtagsKeepOnlyTheirTextEntries() {
      assertThat(
              post("{'meta': {'id': '1'}, 'content': {'hashtags': ['a', null, '', 3, {}]}}")
                  .hashtags())
          .containsExactly("a", "3");
    }
  }

  @Nested
  class Comments {

    @Test
    void commentsWithoutTextAreSkipped() {
      // facts 3.6: the original does not save them either
      PostItem post =
          post(
              "{'meta': {'id': '1'}, 'comments': [{'id': 'a'}, {'id': 'b', 'text': ''},"
                  + " {'id': 'c', 'text': null}, 'not a comment', null, {'id': 'd', 'text': 'ok'}]}");

      assertThat(post.comments()).extracting(Comment::id).containsExactly("d");
    }

    @Test
    void aCommentWithoutIdGetsAStableDerivedOne() {
      String json = "{'meta': {'id': 'p1'}, 'comments': [{'text': 'hay'}, {'text': 'hay'}]}";

      List<Comment> first = post(json).comments();
      List<Comment> again = post(json).comments();

      assertThat(first).extracting(Comment::id).allMatch(id -> id.matches("h:[0-9a-f]{24}"));
      assertThat(first.get(0).id()).isNotEqualTo(first.get(1).id());
      assertThat(again).isEqualTo(first);
    }

    @Test
    void theDerivedCommentIdDependsOnThePost() {
      assertThat(post("{'meta': {'id': 'p1'}, 'comments': [{'text': 'hay'}]}").comments())
          .isNotEqualTo(post("{'meta': {'id': 'p2'}, 'comments': [{'text': 'hay'}]}").comments());
    }

    @Test
    void allCommentsAreKeptNotOnlyTheTopFive() {
      StringBuilder comments = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        comments.append(i == 0 ? "" : ",").append("{'id': 'c").append(i).append("', 'text': 't'}");
      }

      assertThat(post("{'meta': {'id': '1'}, 'comments': [" + comments + "]}").comments())
          .hasSize(12);
    }
  }
}
