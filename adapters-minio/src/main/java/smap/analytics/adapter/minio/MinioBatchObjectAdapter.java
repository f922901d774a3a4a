package smap.analytics.adapter.minio;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import smap.analytics.application.port.out.BatchObjectPort;
import smap.analytics.application.port.out.FetchedBatch;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;
import smap.analytics.domain.failure.MalformedBatchException;
import smap.analytics.domain.failure.ObjectNotFoundException;

/**
 * Adapter: reads batch files from S3/MinIO with the MinIO client. Detects zstd (CONTRACT 3) by
 * metadata, {@code .zst} suffix or magic bytes and decodes it as a stream (frames need not carry
 * their size); parses the three top-level shapes with lossless numbers.
 */
public final class MinioBatchObjectAdapter implements BatchObjectPort {

  private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final MinioClient client;
  private final long maxDecodedBytes;

  /**
   * @param maxDecodedBytes a batch whose decoded content is larger is malformed (protects memory)
   */
  public MinioBatchObjectAdapter(MinioClient client, long maxDecodedBytes) {
    this.client = client;
    this.maxDecodedBytes = maxDecodedBytes;
  }

  @Override
  public FetchedBatch fetch(ObjectLocation location) {
    long start = System.nanoTime();
    StatObjectResponse stat;
    byte[] content;
    boolean compressed;
    try {
      stat =
          client.statObject(
              StatObjectArgs.builder().bucket(location.bucket()).object(location.key()).build());
      compressed = compressedByName(location.key()) || compressedByMetadata(stat.userMetadata());
      try (InputStream raw =
          new BufferedInputStream(
              client.getObject(
                  GetObjectArgs.builder()
                      .bucket(location.bucket())
                      .object(location.key())
                      .build()))) {
        raw.mark(ZSTD_MAGIC.length);
        byte[] head = raw.readNBytes(ZSTD_MAGIC.length);
        raw.reset();
        compressed = compressed || java.util.Arrays.equals(head, ZSTD_MAGIC);
        content = compressed ? decompress(location, raw) : readBounded(location, raw);
      }
    } catch (ErrorResponseException e) {
      String code = e.errorResponse() == null ? "" : e.errorResponse().code();
      if ("NoSuchKey".equals(code) || "NoSuchBucket".equals(code) || "NoSuchObject".equals(code)) {
        throw new ObjectNotFoundException(location.toString(), e);
      }
      throw new DependencyUnavailableException(
          Dependency.OBJECT_STORE,
          "object store refused " + location + ": " + code + " " + e.getMessage(),
          e);
    } catch (MalformedBatchException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // The client refuses names S3 cannot hold (a one-letter bucket, say): no retry will help.
      throw new MalformedBatchException(
          location.toString(), "invalid object location: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DependencyUnavailableException(
          Dependency.OBJECT_STORE, "reading " + location + " failed: " + e, e);
    } catch (Exception e) {
      throw new DependencyUnavailableException(
          Dependency.OBJECT_STORE, "object store error on " + location + ": " + e, e);
    }
    long fetched = System.nanoTime();
    Object tree;
    try {
      tree = JSON.readValue(content, Object.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new MalformedBatchException(
          location.toString(), "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedBatchException(
          location.toString(), "unreadable JSON: " + e.getMessage(), e);
    }
    Duration parseTime = Duration.ofNanos(System.nanoTime() - fetched);
    Duration fetchTime = Duration.ofNanos(fetched - start);
    return switch (tree) {
      case List<?> list ->
          new FetchedBatch(
              List.copyOf(nonNull(list)),
              FetchedBatch.Shape.ARRAY,
              stat.size(),
              compressed,
              fetchTime,
              parseTime);
      case Map<?, ?> map when map.get("items") instanceof List<?> items ->
          new FetchedBatch(
              nonNull(items),
              FetchedBatch.Shape.ITEMS_OBJECT,
              stat.size(),
              compressed,
              fetchTime,
              parseTime);
      case Map<?, ?> map when map.containsKey("items") ->
          throw new MalformedBatchException(
              location.toString(), "top-level 'items' is not an array", null);
      case Map<?, ?> map ->
          new FetchedBatch(
              List.of(map),
              FetchedBatch.Shape.SINGLE_ITEM,
              stat.size(),
              compressed,
              fetchTime,
              parseTime);
      case null ->
          throw new MalformedBatchException(
              location.toString(), "the file holds JSON null, expected items", null);
      default ->
          throw new MalformedBatchException(
              location.toString(),
              "top level is a "
                  + tree.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                  + ", expected an array of items, an object with items, or one item object",
              null);
    };
  }

  /** JSON nulls inside the array stay entries (they become unreadable items), as a list allows. */
  private static List<Object> nonNull(List<?> items) {
    return new java.util.ArrayList<>(items);
  }

  static boolean compressedByName(String key) {
    return key.toLowerCase(Locale.ROOT).endsWith(".zst");
  }

  static boolean compressedByMetadata(Map<String, String> metadata) {
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      String key = entry.getKey().toLowerCase(Locale.ROOT);
      if (key.startsWith("x-amz-meta-")) {
        key = key.substring("x-amz-meta-".length());
      }
      String value =
          entry.getValue() == null ? "" : entry.getValue().strip().toLowerCase(Locale.ROOT);
      if ((key.equals("compressed") && value.equals("true"))
          || ((key.equals("compression-algorithm") || key.equals("compression"))
              && value.equals("zstd"))) {
        return true;
      }
    }
    return false;
  }

  private byte[] decompress(ObjectLocation location, InputStream raw) {
    try (ZstdInputStream zstd = new ZstdInputStream(raw)) {
      return readBounded(location, zstd);
    } catch (IOException e) {
      throw new MalformedBatchException(
          location.toString(), "not a valid zstd stream: " + e.getMessage(), e);
    }
  }

  private byte[] readBounded(ObjectLocation location, InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > maxDecodedBytes) {
        throw new MalformedBatchException(
            location.toString(),
            "decoded content exceeds the limit of " + maxDecodedBytes + " bytes",
            null);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
