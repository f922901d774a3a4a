package smap.analytics.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.message.Classification.Accepted;
import smap.analytics.domain.message.Classification.Rejected;

/**
 * Envelope values the ledger could not store (issue: a 21-character platform failed the ledger's
 * begin before the attempt was recorded, and the message looped) leave the classifier storable,
 * with a warning.
 */
class StorableEnvelopeTest {

  private static Classification classify(String field, Object value) {
    Map<String, Object> payload = new HashMap<>();
    payload.put("minio_path", "crawl/tiktok/b1.json");
    payload.put("job_id", "proj-brand-0");
    payload.put(field, value);
    Map<String, Object> root = new HashMap<>();
    root.put("event_id", "evt-1");
    root.put("payload", payload);
    return MessageClassifier.classify(
        root, "{}".getBytes(StandardCharsets.UTF_8), EnumSet.allOf(MessageFormat.class));
  }

  private static final Map<String, Function<EventContext, String>> READ =
      Map.of(
          "platform", c -> c.platform() == null ? null : c.platform().name(),
          "project_id", EventContext::projectId,
          "job_id", EventContext::jobId,
          "task_type", EventContext::taskType,
          "brand_name", EventContext::brandName,
          "keyword", EventContext::keyword);

  @ParameterizedTest(name = "payload.{0} of {1} x ''{2}'' -> {3} chars")
  @CsvSource({
    "platform,   21,   t,    7, 'is not one of'",
    "platform,   5000, x,    7, 'stored as UNKNOWN'",
    "project_id, 101,  p,    100, 'cut from 101 to 100 characters'",
    "job_id,     300,  j,    200, 'cut from 300 to 200 characters'",
    "task_type,  51,   t,    50, 'cut from 51 to 50 characters'",
    "brand_name, 150,  b,    100, 'cut from 150 to 100 characters'",
    "keyword,    201,  k,    200, 'cut from 201 to 200 characters'",
    "task_type,  3,    '\u0000', 0, 'U+0000 removed'"
  })
  void aValueNoColumnHoldsIsMadeStorableWithAWarning(
      String field, int repeat, String unit, int storedLength, String warning) {
    Classification c = classify(field, "a" + unit.repeat(repeat - 1));
    assertThat(c).isInstanceOf(Accepted.class);
    String stored = READ.get(field).apply(c.context());
    assertThat(stored == null ? 0 : stored.length()).isLessThanOrEqualTo(Math.max(storedLength, 1));
    assertThat(((Accepted) c).warnings()).anySatisfy(w -> assertThat(w).contains(warning));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"tiktok, TIKTOK", "' YouTube ', YOUTUBE", "UNKNOWN, UNKNOWN", "myspace, UNKNOWN"})
  void thePlatformIsOneOfTheKnownSet(String raw, Platform stored) {
    assertThat(classify("platform", raw).context().platform()).isEqualTo(stored);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "crawl/a\u0000b.json | payload.minio_path: holds U+0000 or an unpaired surrogate at character 7",
        "crawl/x\uD800.json | payload.minio_path: holds U+0000 or an unpaired surrogate"
      })
  void aMinioPathNoObjectCanHaveIsRejectedWithItsReason(String path, String reason) {
    Classification c = classify("minio_path", path);
    assertThat(c).isInstanceOf(Rejected.class);
    assertThat(((Rejected) c).reason()).startsWith(reason);
  }

  @org.junit.jupiter.api.Test
  void anOverlongMinioPathIsRejectedWithItsLength() {
    Classification c = classify("minio_path", "crawl/" + "k".repeat(5000));
    assertThat(((Rejected) c).reason())
        .isEqualTo("payload.minio_path: 5006 characters, limit 4096; no object has such a name");
  }

  @org.junit.jupiter.api.Test
  void anEventIdWithANulCharacterIsReplacedByADerivedOne() {
    Map<String, Object> root = new HashMap<>();
    root.put("event_id", "evt\u00001");
    root.put("payload", Map.of("minio_path", "crawl/b.json"));
    Classification c =
        MessageClassifier.classify(
            root, "{}".getBytes(StandardCharsets.UTF_8), EnumSet.allOf(MessageFormat.class));
    assertThat(c.context().eventId().derived()).isTrue();
    assertThat(((Accepted) c).warnings())
        .contains("event_id: holds U+0000 or an unpaired surrogate; derived one used");
  }
}
