package smap.analytics.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static smap.analytics.domain.message.JsonFixtures.sample;
import static smap.analytics.domain.message.JsonFixtures.sampleBytes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.message.Classification.Accepted;
import smap.analytics.domain.message.Classification.Rejected;
import smap.analytics.domain.message.InboundMessage.DataCollectedEvent;
import smap.analytics.domain.message.InboundMessage.LegacyInline;
import smap.analytics.domain.message.InboundMessage.LegacyReference;

class MessageClassifierTest {
  private static final Set<MessageFormat> ALL = EnumSet.allOf(MessageFormat.class);

  /** The reference event of facts 2.4. */
  private static final String REFERENCE_EVENT =
      """
      {"event_id": "evt_abc123", "event_type": "data.collected",
       "timestamp": "2025-12-17T10:00:00Z",
       "payload": {
         "minio_path": "crawl-results/tiktok/fc5d5ffb-36cc-4c8d-a288-f5215af7fb80/brand/batch_000.json",
         "project_id": "fc5d5ffb-36cc-4c8d-a288-f5215af7fb80",
         "job_id": "fc5d5ffb-36cc-4c8d-a288-f5215af7fb80-brand-0",
         "batch_index": 0, "content_count": 50, "platform": "tiktok",
         "task_type": "research_and_crawl", "brand_name": "VinFast", "keyword": "VinFast VF8"}}
      """;

  private static Classification classify(String json) {
    return classify(json, ALL);
  }

  private static Classification classify(String json, Set<MessageFormat> enabled) {
    return MessageClassifier.classify(
        JsonFixtures.tree(json), json.getBytes(StandardCharsets.UTF_8), enabled);
  }

  private static Accepted accepted(Classification classification) {
    assertThat(classification).isInstanceOf(Accepted.class);
    return (Accepted) classification;
  }

  private static Rejected rejected(Classification classification) {
    assertThat(classification).isInstanceOf(Rejected.class);
    return (Rejected) classification;
  }

  @Nested
  class BatchedEvents {

    @Test
    void theReferenceEventIsReadFieldByField() {
      Accepted accepted = accepted(classify(REFERENCE_EVENT));

      assertThat(accepted.message()).isInstanceOf(DataCollectedEvent.class);
      assertThat(accepted.message().format()).isEqualTo(MessageFormat.BATCH_EVENT);
      assertThat(((DataCollectedEvent) accepted.message()).location())
          .isEqualTo(
              new ObjectLocation(
                  "crawl-results",
                  "tiktok/fc5d5ffb-36cc-4c8d-a288-f5215af7fb80/brand/batch_000.json"));
      assertThat(accepted.context())
          .isEqualTo(
              new EventContext(
                  EventId.of("evt_abc123"),
                  "data.collected",
                  Instant.parse("2025-12-17T10:00:00Z"),
                  "fc5d5ffb-36cc-4c8d-a288-f5215af7fb80",
                  "fc5d5ffb-36cc-4c8d-a288-f5215af7fb80-brand-0",
                  0,
                  50,
                  Platform.TIKTOK,
                  "research_and_crawl",
                  "VinFast",
                  "VinFast VF8"));
      assertThat(accepted.warnings()).isEmpty();
      assertThat(accepted.message().eventId()).isEqualTo(EventId.of("evt_abc123"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "data_collected_event_analytics_behavior.json",
          "data_collected_event_event_drivent.json",
          "data_collected_event_crawler_guide_2025-12-06.json",
          "data_collected_event_mock_crawler_guide_2025-12-06.json"
        })
    void everyDocumentedVariantIsAccepted(String name) {
      Accepted accepted =
          accepted(MessageClassifier.classify(sample(name), sampleBytes(name), ALL));

      assertThat(accepted.message()).isInstanceOf(DataCollectedEvent.class);
      assertThat(accepted.context().eventId().derived()).isFalse();
      assertThat(accepted.context().platform()).isEqualTo(Platform.TIKTOK);
      assertThat(accepted.context().contentCount()).isEqualTo(50);
      assertThat(((DataCollectedEvent) accepted.message()).location().bucket())
          .isEqualTo("crawl-results");
    }

    @Test
    void theCrawlerGuidesVariantKeepsItsOneBasedIndexAndWarnsOfWhatItLacks() {
      String name = "data_collected_event_crawler_guide_2025-12-06.json";
      Accepted accepted =
          accepted(MessageClassifier.classify(sample(name), sampleBytes(name), ALL));

      // facts 13.24: batch_index is stored as given, 0- or 1-based
      assertThat(accepted.context().batchIndex()).isEqualTo(1);
      assertThat(accepted.context().eventType()).isNull();
      assertThat(accepted.context().timestamp()).isEqualTo(Instant.parse("2025-12-06T10:30:00Z"));
      assertThat(accepted.warnings())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("payload.task_type", "payload.brand_name", "payload.keyword")
          .doesNotContain("payload.job_id", "payload.platform");
    }

    @Test
    void theIntegrationGuidesLeadingSlashPathIsRejectedButItsJobAndProjectAreKept() {
      String name = "data_collected_event_integration_guide_2025-12-15.json";
      Rejected rejected =
          rejected(MessageClassifier.classify(sample(name), sampleBytes(name), ALL));

      assertThat(rejected.reason())
          .startsWith("payload.minio_path: ")
          .contains("/data/proj_xyz/batch_001.json", "empty bucket");
      // CONTRACT 7: an error result goes out when job and project are known
      assertThat(rejected.context().jobId()).isEqualTo("proj_xyz-brand-0");
      assertThat(rejected.context().projectId()).isEqualTo("proj_xyz");
      // item_count is an alias of content_count (CONTRACT 2)
      assertThat(rejected.context().contentCount()).isEqualTo(50);
    }

    @Test
    void itemCountIsAnAliasOfContentCount() {
      Accepted accepted =
          accepted(classify("{'payload': {'minio_path': 'b/k', 'item_count': 20}}"));

      assertThat(accepted.context().contentCount()).isEqualTo(20);
    }

    @Test
    void contentCountWinsOverItemCount() {
      Accepted accepted =
          accepted(
              classify("{'payload': {'minio_path': 'b/k', 'content_count': 50, 'item_count': 7}}"));

      assertThat(accepted.context().contentCount()).isEqualTo(50);
    }

    @Test
    void numbersSentAsStringsAreRead() {
      Accepted accepted =
          accepted(
              classify(
                  "{'payload': {'minio_path': 'b/k', 'content_count': '50', 'batch_index': '3'}}"));

      assertThat(accepted.context().contentCount()).isEqualTo(50);
      assertThat(accepted.context().batchIndex()).isEqualTo(3);
    }

    @Test
    void unknownExtraFieldsAreIgnored() {
      String withExtras =
          """
          {"event_id": "evt_abc123", "event_type": "data.collected",
           "timestamp": "2025-12-17T10:00:00Z", "trace": {"span": 1}, "version": 2.0,
           "payload": {
             "minio_path": "crawl-results/tiktok/fc5d5ffb-36cc-4c8d-a288-f5215af7fb80/brand/batch_000.json",
             "project_id": "fc5d5ffb-36cc-4c8d-a288-f5215af7fb80",
             "job_id": "fc5d5ffb-36cc-4c8d-a288-f5215af7fb80-brand-0",
             "batch_index": 0, "content_count": 50, "platform": "tiktok",
             "task_type": "research_and_crawl", "brand_name": "VinFast", "keyword": "VinFast VF8",
             "total_batches": 10, "user_id": "user_123", "labels": ["a", "b"]}}
          """;

      Accepted plain = accepted(classify(REFERENCE_EVENT));
      Accepted extras = accepted(classify(withExtras));

      assertThat(extras.context()).isEqualTo(plain.context());
      assertThat(extras.message()).isEqualTo(plain.message());
      assertThat(extras.warnings()).isEmpty();
    }

    @Test
    void idsSentAsJsonNumbersStayExactStrings() {
      Accepted accepted =
          accepted(
              classify(
                  "{'event_id': 7441234567890123456, 'payload': {'minio_path': 'b/k',"
                      + " 'project_id': 12345678901234567890123, 'job_id': 7441234567890123457}}"));

      assertThat(accepted.context().eventId()).isEqualTo(EventId.of("7441234567890123456"));
      assertThat(accepted.context().projectId()).isEqualTo("12345678901234567890123");
      assertThat(accepted.context().jobId()).isEqualTo("7441234567890123457");
    }

    @Test
    void givenNoPlatform_theEventIsAcceptedWithAWarning() {
      // facts 13.5: the original crashed on a null platform; here it falls back (BatchPlatform)
      Accepted accepted =
          accepted(classify("{'payload': {'minio_path': 'b/k', 'platform': null}}"));

      assertThat(accepted.context().platform()).isNull();
      assertThat(accepted.warnings())
          .anySatisfy(warning -> assertThat(warning).contains("payload.platform"));
    }

    @Test
    void anotherEventTypeIsAWarningNotARejection() {
      Accepted accepted =
          accepted(classify("{'event_type': 'data.crawled', 'payload': {'minio_path': 'b/k'}}"));

      assertThat(accepted.context().eventType()).isEqualTo("data.crawled");
      assertThat(accepted.warnings())
          .anySatisfy(
              warning -> assertThat(warning).startsWith("event_type: ").contains("data.crawled"));
    }

    @ParameterizedTest
    @CsvSource({
      "2025-12-06T10:30:00.000Z, 2025-12-06T10:30:00Z",
      "2025-12-06T17:30:00+07:00, 2025-12-06T10:30:00Z",
      "2025-12-06T10:30:00, 2025-12-06T10:30:00Z",
      "2025-12-06 10:30:00, 2025-12-06T10:30:00Z"
    })
    void theTimestampIsReadWithItsZone(String timestamp, Instant expected) {
      Accepted accepted =
          accepted(
              classify("{'timestamp': '" + timestamp + "', 'payload': {'minio_path': 'b/k'}}"));

      assertThat(accepted.context().timestamp()).isEqualTo(expected);
    }

    @Test
    void anUnparsableTimestampIsLeftEmptyWithAWarning() {
      Accepted accepted =
          accepted(classify("{'timestamp': 'yesterday', 'payload': {'minio_path': 'b/k'}}"));

      assertThat(accepted.context().timestamp()).isNull();
      assertThat(accepted.warnings())
          .anySatisfy(
              warning -> assertThat(warning).startsWith("timestamp: ").contains("yesterday"));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '"',
        value = {
          "{'payload': {'minio_path': null}}| payload.minio_path: is missing or empty",
          "{'payload': {'minio_path': ''}}| payload.minio_path: is missing or empty",
          "{'payload': {'minio_path': {'bucket': 'b'}}}| payload.minio_path: is missing or empty",
          "{'payload': {'minio_path': 42}}| payload.minio_path: '42' has no '/'",
          "{'payload': {'minio_path': 'bucket/'}}| payload.minio_path: 'bucket/' has an empty object key",
          "{'payload': {'minio_path': 'minio:// /k'}}| payload.minio_path: ",
          "{'payload': {'job_id': 'p-brand-0'}}| payload.minio_path: is missing",
          "{'payload': 'crawl-results/x.json'}| payload: expected an object with minio_path, got a string",
          "{'payload': null}| payload: expected an object with minio_path, got null",
          "{'payload': [1]}| payload: expected an object with minio_path, got an array"
        })
    void anUnusableEventIsRejectedWithAReasonNamingTheField(String json, String reason) {
      assertThat(rejected(classify(json)).reason()).startsWith(reason.strip());
    }

    @Test
    void aPayloadWithoutMinioPathKeepsItsContextForTheErrorResult() {
      Rejected rejected =
          rejected(
              classify(
                  "{'event_id': 'e1', 'payload': {'job_id': 'p-brand-0', 'project_id': 'p'}}"));

      assertThat(rejected.context().eventId()).isEqualTo(EventId.of("e1"));
      assertThat(rejected.context().jobId()).isEqualTo("p-brand-0");
      assertThat(rejected.context().projectId()).isEqualTo("p");
    }
  }

  @Nested
  class EventIds {

    @Test
    void givenNoEventId_theSameBodyAlwaysGetsTheSameDerivedId() {
      String body = "{'payload': {'minio_path': 'b/k', 'job_id': 'p-brand-0'}}";

      EventId first = classify(body).context().eventId();
      EventId again = classify(body).context().eventId();

      assertThat(first.derived()).isTrue();
      assertThat(again).isEqualTo(first);
      assertThat(first).isEqualTo(EventId.derive(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void givenNoEventId_differentBodiesGetDifferentIds() {
      assertThat(classify("{'payload': {'minio_path': 'b/k1'}}").context().eventId())
          .isNotEqualTo(classify("{'payload': {'minio_path': 'b/k2'}}").context().eventId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "''", "'   '", "'NULL'", "{}", "[]"})
    void givenAnEmptyOrUnusableEventId_oneIsDerived(String value) {
      EventId id =
          classify("{'event_id': " + value + ", 'payload': {'minio_path': 'b/k'}}")
              .context()
              .eventId();

      assertThat(id.derived()).isTrue();
    }

    @Test
    void anEventIdIsStripped() {
      assertThat(
              classify("{'event_id': '  evt_1  ', 'payload': {'minio_path': 'b/k'}}")
                  .context()
                  .eventId())
          .isEqualTo(EventId.of("evt_1"));
    }

    @Test
    void anOverlongEventIdIsReplacedByADerivedOneWithAWarning() {
      Accepted accepted =
          accepted(
              classify(
                  "{'event_id': '" + "e".repeat(201) + "', 'payload': {'minio_path': 'b/k'}}"));

      assertThat(accepted.context().eventId().derived()).isTrue();
      assertThat(accepted.warnings()).anySatisfy(w -> assertThat(w).startsWith("event_id: "));
    }

    @Test
    void aRejectedBodyStillHasAStableId() {
      byte[] body = "[1, 2]".getBytes(StandardCharsets.UTF_8);

      Classification classification =
          MessageClassifier.classify(JsonFixtures.tree("[1, 2]"), body, ALL);

      assertThat(classification.context().eventId()).isEqualTo(EventId.derive(body));
    }
  }

  @Nested
  class LegacyFormats {

    @Test
    void aDataRefIsALegacyReference() {
      Accepted accepted =
          accepted(
              classify(
                  "{'data_ref': {'bucket': 'crawl-results', 'path': 'posts/7441.json'},"
                      + " 'job_id': 'proj_xyz-brand-0', 'platform': 'tiktok'}"));

      assertThat(accepted.message())
          .isEqualTo(
              new LegacyReference(
                  accepted.context(), new ObjectLocation("crawl-results", "posts/7441.json")));
      assertThat(accepted.message().format()).isEqualTo(MessageFormat.LEGACY_REFERENCE);
      assertThat(accepted.context().jobId()).isEqualTo("proj_xyz-brand-0");
      assertThat(accepted.context().platform()).isEqualTo(Platform.TIKTOK);
      assertThat(accepted.context().contentCount()).isEqualTo(1);
    }

    @Test
    void aDataRefPathMayStartWithASlash() {
      Accepted accepted =
          accepted(classify("{'data_ref': {'bucket': ' b ', 'path': '/posts/1.json'}}"));

      assertThat(((LegacyReference) accepted.message()).location())
          .isEqualTo(new ObjectLocation("b", "posts/1.json"));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '"',
        value = {
          "{'data_ref': {'path': 'p.json'}}| data_ref.bucket: is missing or empty",
          "{'data_ref': {'bucket': '', 'path': 'p.json'}}| data_ref.bucket: is missing or empty",
          "{'data_ref': {'bucket': 'b'}}| data_ref.path: is missing or empty",
          "{'data_ref': {'bucket': 'b', 'path': '/'}}| data_ref.path: '/' names no object",
          "{'data_ref': 'b/p.json'}| data_ref: expected an object {bucket, path}, got a string"
        })
    void anUnusableDataRefIsRejectedNamingTheField(String json, String reason) {
      assertThat(rejected(classify(json)).reason()).isEqualTo(reason.strip());
    }

    @Test
    void aBodyWithMetaIsALegacyInlinePostReadFromItsMeta() {
      String json =
          "{'meta': {'id': '7441234567890123456', 'platform': 'TIKTOK',"
              + " 'job_id': 'proj_xyz-brand-0', 'project_id': 'proj_xyz',"
              + " 'crawled_at': '2025-12-06T10:15:30Z'},"
              + " 'content': {'text': 'hay'}}";

      Accepted accepted = accepted(classify(json));

      assertThat(accepted.message()).isInstanceOf(LegacyInline.class);
      assertThat(accepted.message().format()).isEqualTo(MessageFormat.LEGACY_INLINE);
      assertThat(((LegacyInline) accepted.message()).item()).isEqualTo(JsonFixtures.tree(json));
      assertThat(accepted.context().platform()).isEqualTo(Platform.TIKTOK);
      assertThat(accepted.context().jobId()).isEqualTo("proj_xyz-brand-0");
      assertThat(accepted.context().projectId()).isEqualTo("proj_xyz");
      assertThat(accepted.context().timestamp()).isEqualTo(Instant.parse("2025-12-06T10:15:30Z"));
      assertThat(accepted.context().contentCount()).isEqualTo(1);
      assertThat(accepted.context().eventId().derived()).isTrue();
    }

    @Test
    void aMetaThatIsNotAnObjectIsRejected() {
      assertThat(rejected(classify("{'meta': 'x'}")).reason())
          .isEqualTo("meta: expected an object, got a string");
    }
  }

  @Nested
  class Detection {

    @Test
    void whenEveryFormatMatches_theBatchedEventWins() {
      Accepted accepted =
          accepted(
              classify(
                  "{'payload': {'minio_path': 'b/k'}, 'data_ref': {'bucket': 'x', 'path': 'y'},"
                      + " 'meta': {'id': '1'}}"));

      assertThat(accepted.message()).isInstanceOf(DataCollectedEvent.class);
    }

    @Test
    void aDataRefWinsOverMeta() {
      assertThat(
              accepted(classify("{'data_ref': {'bucket': 'x', 'path': 'y'}, 'meta': {'id': '1'}}"))
                  .message())
          .isInstanceOf(LegacyReference.class);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '"',
        value = {
          "[]| body: expected a JSON object, got an array",
          "'text'| body: expected a JSON object, got a string",
          "42| body: expected a JSON object, got a number",
          "true| body: expected a JSON object, got a boolean",
          "null| body: expected a JSON object, got null"
        })
    void aBodyThatIsNotAnObjectIsRejected(String json, String reason) {
      assertThat(rejected(classify(json)).reason()).isEqualTo(reason.strip());
    }

    @Test
    void anObjectInNoKnownFormatIsRejectedListingItsKeys() {
      assertThat(rejected(classify("{'event_id': 'e', 'hello': 1}")).reason())
          .startsWith("body: no usable format")
          .contains("payload.minio_path", "data_ref", "meta", "[event_id, hello]");
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '"',
        value = {
          "{'payload': {'minio_path': 'b/k'}}| BATCH_EVENT| batch-format",
          "{'data_ref': {'bucket': 'b', 'path': 'k'}}| LEGACY_REFERENCE| legacy-format",
          "{'meta': {'id': '1'}}| LEGACY_INLINE| legacy-format"
        })
    void aFormatSwitchedOffIsRejectedNamingItsFlag(String json, MessageFormat format, String flag) {
      Set<MessageFormat> others = EnumSet.complementOf(EnumSet.of(format));

      Rejected rejected = rejected(classify(json, others));

      assertThat(rejected.reason()).contains(format.name(), "feature flag " + flag);
      assertThat(accepted(classify(json, EnumSet.of(format))).message().format()).isEqualTo(format);
    }

    @ParameterizedTest
    @EnumSource(MessageFormat.class)
    void withEveryFormatOff_nothingIsAccepted(MessageFormat format) {
      String json =
          switch (format) {
            case BATCH_EVENT -> "{'payload': {'minio_path': 'b/k'}}";
            case LEGACY_REFERENCE -> "{'data_ref': {'bucket': 'b', 'path': 'k'}}";
            case LEGACY_INLINE -> "{'meta': {'id': '1'}}";
          };

      assertThat(classify(json, EnumSet.noneOf(MessageFormat.class))).isInstanceOf(Rejected.class);
    }

    @Test
    void aSwitchedOffBatchEventKeepsItsContext() {
      Rejected rejected =
          rejected(
              classify(
                  "{'event_id': 'e', 'payload': {'minio_path': 'b/k', 'job_id': 'p-brand-0'}}",
                  EnumSet.of(MessageFormat.LEGACY_INLINE)));

      assertThat(rejected.context().jobId()).isEqualTo("p-brand-0");
    }
  }
}
