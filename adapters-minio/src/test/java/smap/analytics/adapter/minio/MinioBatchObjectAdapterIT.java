package smap.analytics.adapter.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStream;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.BatchObjectPort;
import smap.analytics.application.port.out.BatchObjectPortContractTest;
import smap.analytics.application.port.out.FetchedBatch;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.MalformedBatchException;
import smap.analytics.domain.failure.ObjectNotFoundException;
import smap.analytics.embedded.s3.EmbeddedS3Server;

/** The S3 adapter against a real S3 protocol server (S3Proxy in-process). */
class MinioBatchObjectAdapterIT extends BatchObjectPortContractTest {

  private static EmbeddedS3Server server;
  private static MinioClient client;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    server = EmbeddedS3Server.start(0, "it-access", "it-secret");
    client =
        MinioClients.create(server.endpoint().toString(), "it-access", "it-secret", "us-east-1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected BatchObjectPort port() {
    return new MinioBatchObjectAdapter(client, 1024 * 1024);
  }

  @Override
  protected void store(String bucket, String key, List<Object> items) {
    try {
      put(bucket, key, JSON.writeValueAsBytes(items), Map.of());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(String bucket, String key, byte[] body, Map<String, String> metadata)
      throws Exception {
    if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
      client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    }
    client.putObject(
        PutObjectArgs.builder().bucket(bucket).object(key).stream(
                new ByteArrayInputStream(body), body.length, -1)
            .userMetadata(metadata)
            .build());
  }

  /** A zstd frame written by a stream, so it carries no content size. */
  private static byte[] zstd(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream zstd = new ZstdOutputStream(out)) {
      zstd.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static final String ITEMS =
      "[{\"meta\":{\"id\":7441234567890123456}},{\"meta\":{\"id\":\"2\"},\"score\":0.1}]";

  @Test
  void compressedByMetadataSuffixOrMagicAreAllDecoded() throws Exception {
    put("zst-cases", "by-metadata.json", zstd(ITEMS), Map.of("compression-algorithm", "zstd"));
    put("zst-cases", "by-suffix.json.zst", zstd(ITEMS), Map.of());
    put("zst-cases", "by-magic.bin", zstd(ITEMS), Map.of());
    put("zst-cases", "plain.json", ITEMS.getBytes(StandardCharsets.UTF_8), Map.of());

    for (String key :
        List.of("by-metadata.json", "by-suffix.json.zst", "by-magic.bin", "plain.json")) {
      FetchedBatch batch = port().fetch(new ObjectLocation("zst-cases", key));
      assertThat(batch.items()).as(key).hasSize(2);
      assertThat(batch.compressed()).as(key).isEqualTo(!key.equals("plain.json"));
      @SuppressWarnings("unchecked")
      Map<String, Object> meta =
          (Map<String, Object>) ((Map<String, Object>) batch.items().get(0)).get("meta");
      assertThat(meta.get("id"))
          .as("19-digit ids stay exact")
          .isEqualTo(new BigInteger("7441234567890123456").longValueExact());
      assertThat(((Map<?, ?>) batch.items().get(1)).get("score"))
          .isEqualTo(new java.math.BigDecimal("0.1"));
    }
  }

  @Test
  void theThreeTopLevelShapesAreRead() throws Exception {
    put(
        "shape-cases",
        "items.json",
        "{\"items\":[{\"meta\":{\"id\":\"1\"}}]}".getBytes(StandardCharsets.UTF_8),
        Map.of());
    put(
        "shape-cases",
        "single.json",
        "{\"meta\":{\"id\":\"1\"}}".getBytes(StandardCharsets.UTF_8),
        Map.of());

    assertThat(port().fetch(new ObjectLocation("shape-cases", "items.json")).shape())
        .isEqualTo(FetchedBatch.Shape.ITEMS_OBJECT);
    assertThat(port().fetch(new ObjectLocation("shape-cases", "single.json")).shape())
        .isEqualTo(FetchedBatch.Shape.SINGLE_ITEM);
  }

  @Test
  void brokenContentIsMalformedWithItsPosition() throws Exception {
    put(
        "malformed-cases",
        "bad.json",
        "[{\"meta\": {\"id\": 1}},\n {oops}]".getBytes(StandardCharsets.UTF_8),
        Map.of());
    put(
        "malformed-cases",
        "bad.zst",
        new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 1, 2, 3},
        Map.of());
    put("malformed-cases", "number.json", "42".getBytes(StandardCharsets.UTF_8), Map.of());

    assertThatThrownBy(() -> port().fetch(new ObjectLocation("malformed-cases", "bad.json")))
        .isInstanceOf(MalformedBatchException.class)
        .hasMessageStartingWith("malformed-cases/bad.json: not valid JSON at line 2, column 3");
    assertThatThrownBy(() -> port().fetch(new ObjectLocation("malformed-cases", "bad.zst")))
        .isInstanceOf(MalformedBatchException.class)
        .hasMessageContaining("not a valid zstd stream");
    assertThatThrownBy(() -> port().fetch(new ObjectLocation("malformed-cases", "number.json")))
        .isInstanceOf(MalformedBatchException.class)
        .hasMessageContaining(
            "expected an array of items, an object with items, or one item object");
  }

  @Test
  void aMissingBucketIsNotFoundAndAWrongSecretIsAnUnavailableStore() {
    assertThatThrownBy(() -> port().fetch(new ObjectLocation("no-such-bucket", "k.json")))
        .isInstanceOf(ObjectNotFoundException.class);
    MinioClient wrong =
        MinioClients.create(server.endpoint().toString(), "it-access", "wrong", "us-east-1");
    assertThatThrownBy(
            () ->
                new MinioBatchObjectAdapter(wrong, 1024)
                    .fetch(new ObjectLocation("zst-cases", "plain.json")))
        .isInstanceOf(DependencyUnavailableException.class);
  }

  @Test
  void anInvalidBucketNameIsAPermanentProblemOfTheBatch() {
    assertThatThrownBy(() -> port().fetch(new ObjectLocation("b", "k.json")))
        .isInstanceOf(MalformedBatchException.class)
        .hasMessageStartingWith("b/k.json: invalid object location: bucket name 'b'");
  }

  @Test
  void aStoreThatDoesNotAnswerIsUnavailable() {
    MinioClient nowhere = MinioClients.create("http://127.0.0.1:1", "a", "b", "us-east-1");
    assertThatThrownBy(
            () ->
                new MinioBatchObjectAdapter(nowhere, 1024)
                    .fetch(new ObjectLocation("zst-cases", "k")))
        .isInstanceOf(DependencyUnavailableException.class);
  }

  @Test
  void aNullInTheTopLevelArrayStaysAnEntryOfItsOwn() throws Exception {
    put(
        "null-cases",
        "array.json",
        "[{\"meta\":{\"id\":\"1\"}}, null, 3]".getBytes(StandardCharsets.UTF_8),
        Map.of());
    put(
        "null-cases",
        "object.json",
        "{\"items\":[null, {\"meta\":{\"id\":\"1\"}}]}".getBytes(StandardCharsets.UTF_8),
        Map.of());

    List<Object> array = port().fetch(new ObjectLocation("null-cases", "array.json")).items();
    assertThat(array).hasSize(3);
    assertThat(array.get(1)).isNull();
    List<Object> object = port().fetch(new ObjectLocation("null-cases", "object.json")).items();
    assertThat(object).hasSize(2);
    assertThat(object.get(0)).isNull();
  }

  @Test
  void moreItemsThanTheLimitAreRefusedWithTheirCount() throws Exception {
    put("limit-cases", "many.json.zst", zstd("[" + "{},".repeat(249_999) + "{}]"), Map.of());
    put(
        "limit-cases",
        "many-items.json",
        ("{\"items\":[" + "1,".repeat(20) + "1]}").getBytes(StandardCharsets.UTF_8),
        Map.of());

    assertThatThrownBy(
            () ->
                new MinioBatchObjectAdapter(client, 10_000_000, 10_000)
                    .fetch(new ObjectLocation("limit-cases", "many.json.zst")))
        .isInstanceOf(MalformedBatchException.class)
        .hasMessage(
            "limit-cases/many.json.zst: items: 250000 entries, limit ITEMS_PER_BATCH_MAX=10000");
    assertThatThrownBy(
            () ->
                new MinioBatchObjectAdapter(client, 10_000_000, 20)
                    .fetch(new ObjectLocation("limit-cases", "many-items.json")))
        .isInstanceOf(MalformedBatchException.class)
        .hasMessageEndingWith("items: 21 entries, limit ITEMS_PER_BATCH_MAX=20");
    assertThat(
            new MinioBatchObjectAdapter(client, 10_000_000, 21)
                .fetch(new ObjectLocation("limit-cases", "many-items.json"))
                .items())
        .hasSize(21);
  }

  @Test
  void aTruncatedZstdFrameIsMalformed() throws Exception {
    byte[] whole = zstd(ITEMS.repeat(1).replace("]", ",{\"pad\":\"" + "p".repeat(5000) + "\"}]"));
    put("zst-cases", "truncated.zst", java.util.Arrays.copyOf(whole, whole.length / 2), Map.of());

    assertThatThrownBy(() -> port().fetch(new ObjectLocation("zst-cases", "truncated.zst")))
        .isInstanceOf(MalformedBatchException.class)
        .hasMessageContaining("not a valid zstd stream");
  }

  @Test
  void contentAboveTheLimitIsRefused() throws Exception {
    put(
        "limit-cases",
        "big.json",
        ("[\"" + "x".repeat(2000) + "\"]").getBytes(StandardCharsets.UTF_8),
        Map.of());
    assertThatThrownBy(
            () ->
                new MinioBatchObjectAdapter(client, 1000)
                    .fetch(new ObjectLocation("limit-cases", "big.json")))
        .isInstanceOf(MalformedBatchException.class)
        .hasMessageContaining("exceeds the limit of 1000 bytes");
  }
}
