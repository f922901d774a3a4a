package smap.analytics.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import smap.analytics.domain.failure.InvalidMessageException;

class ObjectLocationTest {

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource({
    // facts 3.3 accepted examples
    "crawl-results/tiktok/2025/12/06/batch.json, crawl-results, tiktok/2025/12/06/batch.json",
    "minio://crawl-results/tiktok/x.json, crawl-results, tiktok/x.json",
    // CONTRACT 3 additions the original did not accept
    "s3://crawl-results/tiktok/x.json, crawl-results, tiktok/x.json",
    "http://minio:9000/crawl-results/tiktok/x.json, crawl-results, tiktok/x.json",
    "https://minio.example.com/crawl-results/tiktok/x.json, crawl-results, tiktok/x.json",
    "https://minio.example.com:443/crawl-results/a/b/c.json.zst, crawl-results, a/b/c.json.zst",
    // scheme case and surrounding blanks do not matter
    "MINIO://crawl-results/x.json, crawl-results, x.json",
    "S3://crawl-results/x.json, crawl-results, x.json",
    "'  crawl-results/x.json  ', crawl-results, x.json",
    // the documented path layouts of facts 3.2
    "crawl-results/tiktok/proj_xyz789/brand/batch_000.json, crawl-results,"
        + " tiktok/proj_xyz789/brand/batch_000.json",
    "crawl-results/tiktok/proj_xyz789/competitor_toyota/batch_000.json, crawl-results,"
        + " tiktok/proj_xyz789/competitor_toyota/batch_000.json",
    "crawl-results/tiktok/dryrun/550e8400-e29b-41d4-a716-446655440000/batch_000.json,"
        + " crawl-results, tiktok/dryrun/550e8400-e29b-41d4-a716-446655440000/batch_000.json",
    // split at the first slash only; the key keeps the rest, even a doubled slash
    "b/k, b, k",
    "b//k, b, /k",
  })
  void givenAnAcceptedForm_parse_splitsIntoBucketAndKey(String path, String bucket, String key) {
    ObjectLocation location = ObjectLocation.parse(path, "payload.minio_path");

    assertThat(location.bucket()).isEqualTo(bucket);
    assertThat(location.key()).isEqualTo(key);
    assertThat(location).hasToString(bucket + "/" + key);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t"})
  void givenNoValue_parse_rejectsNamingTheField(String path) {
    assertThatThrownBy(() -> ObjectLocation.parse(path, "payload.minio_path"))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageStartingWith("payload.minio_path: ")
        .hasMessageContaining("missing or empty")
        .extracting(e -> ((InvalidMessageException) e).field())
        .isEqualTo("payload.minio_path");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // facts 3.3: no slash, empty key, empty bucket (leading slash)
    "bucket, no '/'",
    "bucket/, empty object key",
    "/data/x.json, empty bucket",
    "/data/proj_xyz/batch_001.json, empty bucket",
    "minio://bucket, no '/'",
    "minio://bucket/, empty object key",
    "minio:///x.json, empty bucket",
    "s3://, no '/'",
    "s3://bucket, no '/'",
    "http://minio:9000, names a host but no bucket/key",
    "https://minio:9000/, no '/'",
    "http://minio:9000/bucket, no '/'",
    "http://minio:9000/bucket/, empty object key",
    "http://minio:9000//x.json, empty bucket",
    "not a path at all, no '/'",
  })
  void givenAnUnusablePath_parse_rejectsWithAReasonNamingTheField(String path, String reason) {
    assertThatThrownBy(() -> ObjectLocation.parse(path, "payload.minio_path"))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageStartingWith("payload.minio_path: ")
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"minio:// /key.json", "s3://\t/key.json", "http://host/ /key.json", "b/ "})
  void givenABlankBucketOrKeyAfterTheScheme_parse_rejectsAsAnInvalidMessage(String path) {
    // A blank part must be a reason on the message, never an IllegalArgumentException that the
    // classifier does not expect.
    assertThatThrownBy(() -> ObjectLocation.parse(path, "payload.minio_path"))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageStartingWith("payload.minio_path: ");
  }

  @Test
  void theFieldNamedInTheReasonIsTheCallers() {
    assertThatThrownBy(() -> ObjectLocation.parse("bucket", "data_ref.path"))
        .hasMessageStartingWith("data_ref.path: 'bucket'");
  }

  @Test
  void theConstructorRefusesBlankParts() {
    assertThatThrownBy(() -> new ObjectLocation(" ", "k")).hasMessageContaining("bucket");
    assertThatThrownBy(() -> new ObjectLocation("b", null)).hasMessageContaining("key");
  }
}
