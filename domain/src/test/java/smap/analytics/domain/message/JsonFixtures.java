package smap.analytics.domain.message;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import smap.analytics.domain.batch.AnalyzeResult;

/**
 * Test helper: JSON text to the JDK trees the domain receives, decoded the way the adapters do it
 * (lossless numbers: Integer/Long/BigInteger, BigDecimal for decimals), and the samples kept under
 * {@code src/test/resources/pipeline}.
 */
public final class JsonFixtures {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonFixtures() {}

  /** Parses JSON text; single quotes may stand for double quotes to keep tests readable. */
  public static Object tree(String json) {
    try {
      return JSON.readValue(json.replace('\'', '"'), Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of a sample under {@code src/test/resources/pipeline}. */
  public static byte[] sampleBytes(String name) {
    try (InputStream in = JsonFixtures.class.getResourceAsStream("/pipeline/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sample decoded as a JDK tree. */
  public static Object sample(String name) {
    try {
      return JSON.readValue(new String(sampleBytes(name), StandardCharsets.UTF_8), Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result a Collector message's fields (CONTRACT 6) carry, as a JDK tree decoded them. */
  public static AnalyzeResult result(Map<String, Object> fields) {
    return new AnalyzeResult(
        (String) fields.get("project_id"),
        (String) fields.get("job_id"),
        ((Number) fields.get("batch_size")).intValue(),
        ((Number) fields.get("success_count")).intValue(),
        ((Number) fields.get("error_count")).intValue());
  }

  /** The reference vectors of the original service's deterministic code. */
  public static Object referenceVectors() {
    try (InputStream in =
        JsonFixtures.class.getResourceAsStream("/reference/pipeline-test-vectors.json")) {
      return JSON.readValue(in, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
