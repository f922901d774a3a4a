package smap.analytics.domain.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the original service's outputs kept under src/test/resources/reference. */
final class ReferenceVectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReferenceVectors() {}

  static JsonNode load(String name) {
    try (InputStream in = ReferenceVectors.class.getResourceAsStream("/reference/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
