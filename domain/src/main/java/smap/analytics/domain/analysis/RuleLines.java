package smap.analytics.domain.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a tab-separated rule file: one rule a line, {@code #} comments and blank lines skipped. */
final class RuleLines {

  /** One rule line with its number, split on tabs. */
  record Line(String file, int number, List<String> fields) {
    RuleFileException error(String problem) {
      return new RuleFileException(file, number, problem);
    }
  }

  private RuleLines() {}

  static List<Line> read(Path path, String classpathDefault) {
    if (path != null) {
      try (InputStream in = Files.newInputStream(path)) {
        return parse(path.toString(), in);
      } catch (IOException e) {
        throw new RuleFileException(path.toString(), 0, "cannot read: " + e.getMessage());
      }
    }
    String resource = "/smap/analytics/analysis/" + classpathDefault;
    try (InputStream in = RuleLines.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new RuleFileException("classpath:" + resource, 0, "missing from the jar");
      }
      return parse("classpath:" + resource, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Line> parse(String file, InputStream in) throws IOException {
    List<Line> lines = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String text;
    int number = 0;
    while ((text = reader.readLine()) != null) {
      number++;
      String stripped = text.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      List<String> fields = new ArrayList<>();
      for (String field : text.split("\t", -1)) {
        fields.add(field.strip());
      }
      lines.add(new Line(file, number, List.copyOf(fields)));
    }
    if (lines.isEmpty()) {
      throw new RuleFileException(file, number, "holds no rules");
    }
    return lines;
  }
}
