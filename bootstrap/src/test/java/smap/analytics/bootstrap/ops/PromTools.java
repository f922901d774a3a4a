package smap.analytics.bootstrap.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus's own tools (Debian's {@code prometheus} package) from the tests. */
final class PromTools {

  private PromTools() {}

  /** What a tool printed (stdout and stderr together) and how it exited. */
  record Result(int exitCode, String output) {}

  /** The repository's root: the first folder upwards that holds {@code deploy/prometheus}. */
  static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy/prometheus"))) {
        return p;
      }
    }
    throw new IllegalStateException("no deploy/prometheus above " + Path.of("").toAbsolutePath());
  }

  static Path deploy(String relative) {
    return repositoryRoot().resolve("deploy").resolve(relative);
  }

  /** Runs {@code command} in the repository root, feeding {@code stdin} when not null. */
  static Result run(List<String> command, Path stdin) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(repositoryRoot().toFile()).redirectErrorStream(true);
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          command.get(0)
              + " cannot be started ("
              + e.getMessage()
              + "): install Debian's prometheus package (apt-get install prometheus; .ci/run does)",
          e);
    }
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Every file of {@code folder} whose name ends in {@code suffix}, sorted. */
  static List<String> files(Path folder, String suffix) throws IOException {
    List<String> files = new ArrayList<>();
    try (var stream = Files.list(folder)) {
      stream
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .sorted()
          .forEach(f -> files.add(repositoryRoot().relativize(f).toString()));
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no *" + suffix + " in " + folder);
    }
    return files;
  }
}
