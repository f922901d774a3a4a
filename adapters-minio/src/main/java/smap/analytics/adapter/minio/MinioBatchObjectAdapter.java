package smap.analytics.adapter.minio;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStream;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  /** Reads one value in the middle of the stream (what follows it is read next). */
  private static final ObjectReader ELEMENT =
      JSON.readerFor(Object.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Default of {@code ITEMS_PER_BATCH_MAX}. */
  public static final int DEFAULT_MAX_ITEMS = 10_000;

  private final MinioClient client;
  private final long maxDecodedBytes;
  private final int maxItems;

  /** As below, with at most {@link #DEFAULT_MAX_ITEMS} items per batch. */
  public MinioBatchObjectAdapter(MinioClient client, long maxDecodedBytes) {
    this(client, maxDecodedBytes, DEFAULT_MAX_ITEMS);
  }

  /**
   * @param maxDecodedBytes a batch whose decoded content is larger is malformed (protects memory)
   * @param maxItems a batch with more entries is malformed; counted while parsing, so a small zstd
   *     object holding millions of {@code {}} never becomes millions of maps
   */
  public MinioBatchObjectAdapter(MinioClient client, long maxDecodedBytes, int maxItems) {
    this.client = client;
    this.maxDecodedBytes = maxDecodedBytes;
    if (maxItems < 1) {
      throw new IllegalArgumentException("maxItems must be >= 1, got " + maxItems);
    }
    this.maxItems = maxItems;
  }

  @Override
  public FetchedBatch fetch(ObjectLocation location) {
    long start = System.nanoTime();
    long storedBytes;
    byte[] content;
    boolean compressed;
    try {
      // One GET, no HEAD first: a HEAD error has no body, so the client guesses its code from the
      // status and a 403 of this object (AccessDenied) looks like a wrong secret.
      GetObjectResponse response =
          client.getObject(
              GetObjectArgs.builder().bucket(location.bucket()).object(location.key()).build());
      storedBytes = contentLength(response.headers().get("Content-Length"));
      compressed = compressedByName(location.key()) || compressedByMetadata(metadata(response));
      try (InputStream raw = new BufferedInputStream(response)) {
        raw.mark(ZSTD_MAGIC.length);
        byte[] head = raw.readNBytes(ZSTD_MAGIC.length);
        raw.reset();
        compressed = compressed || java.util.Arrays.equals(head, ZSTD_MAGIC);
        content = compressed ? decompress(location, raw) : readBounded(location, raw);
      }
    } catch (ErrorResponseException e) {
      String code = e.errorResponse() == null ? "" : e.errorResponse().code();
      int status = e.response() == null ? 0 : e.response().code();
      String what = code + " (HTTP " + status + ") " + e.getMessage();
      throw switch (S3Failures.classify(code, status)) {
        case NOT_FOUND -> new ObjectNotFoundException(location.toString(), e);
        case UNUSABLE ->
            new MalformedBatchException(
                location.toString(), "the object store refuses this object: " + what, e);
        case UNAVAILABLE ->
            new DependencyUnavailableException(
                Dependency.OBJECT_STORE, "object store refused " + location + ": " + what, e);
      };
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
      tree = parseBounded(location, content);
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
              entriesKeepingNulls(list),
              FetchedBatch.Shape.ARRAY,
              storedBytes,
              compressed,
              fetchTime,
              parseTime);
      case Map<?, ?> map when map.get("items") instanceof List<?> items ->
          new FetchedBatch(
              entriesKeepingNulls(items),
              FetchedBatch.Shape.ITEMS_OBJECT,
              storedBytes,
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
              storedBytes,
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

  /**
   * Parses the file as a stream: the top-level array, or an object's {@code items} array, is read
   * entry by entry and refused past {@code maxItems} (the rest is skipped, only counted, for the
   * reason).
   */
  private Object parseBounded(ObjectLocation location, byte[] content) throws IOException {
    try (JsonParser parser = JSON.createParser(content)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new MalformedBatchException(location.toString(), "the file is empty", null);
      }
      Object tree;
      if (first == JsonToken.START_ARRAY) {
        tree = items(location, parser);
      } else if (first == JsonToken.START_OBJECT) {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          object.put(
              name,
              "items".equals(name) && value == JsonToken.START_ARRAY
                  ? items(location, parser)
                  : ELEMENT.readValue(parser));
        }
        tree = object;
      } else {
        tree = ELEMENT.readValue(parser);
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        JsonLocation at = parser.currentLocation();
        throw new MalformedBatchException(
            location.toString(),
            "not valid JSON at line "
                + at.getLineNr()
                + ", column "
                + at.getColumnNr()
                + ": trailing content after the top-level value",
            null);
      }
      return tree;
    }
  }

  private List<Object> items(ObjectLocation location, JsonParser parser) throws IOException {
    List<Object> items = new ArrayList<>();
    long count = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new MalformedBatchException(
            location.toString(), "not valid JSON: the items array is not closed", null);
      }
      count++;
      if (count <= maxItems) {
        items.add(ELEMENT.readValue(parser));
      } else {
        parser.skipChildren();
      }
    }
    if (count > maxItems) {
      throw new MalformedBatchException(
          location.toString(),
          "items: " + count + " entries, limit ITEMS_PER_BATCH_MAX=" + maxItems,
          null);
    }
    return items;
  }

  /**
   * A copy of the entries; JSON nulls inside the array stay entries (they become unreadable items),
   * which an ArrayList allows and List.copyOf would not.
   */
  private static List<Object> entriesKeepingNulls(List<?> items) {
    return new java.util.ArrayList<>(items);
  }

  private static long contentLength(String header) {
    try {
      return header == null ? -1 : Long.parseLong(header.strip());
    } catch (NumberFormatException unknown) {
      return -1;
    }
  }

  /** The response's headers that carry user metadata, names as sent. */
  private static Map<String, String> metadata(GetObjectResponse response) {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String name : response.headers().names()) {
      if (name.toLowerCase(Locale.ROOT).startsWith("x-amz-meta-")) {
        metadata.put(name, response.headers().get(name));
      }
    }
    return metadata;
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

  /** Decodes zstd; a broken frame is the object's fault, a failing read the store's. */
  private byte[] decompress(ObjectLocation location, InputStream raw) throws IOException {
    try (ZstdInputStream zstd = new ZstdInputStream(raw)) {
      return readBounded(location, zstd);
    } catch (ZstdIOException | ZstdException e) {
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
