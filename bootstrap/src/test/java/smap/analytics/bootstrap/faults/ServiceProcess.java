package smap.analytics.bootstrap.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the service as a separate JVM running the shaded jar's {@code consume}, so a test
 * can send it SIGTERM or SIGKILL. Its output goes to a log file under {@code target/}.
 */
final class ServiceProcess implements AutoCloseable {

  static final Path JAR = Path.of("target", "smap-analytics.jar");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final int httpPort;
  private final Path log;

  private ServiceProcess(String name, Process process, int httpPort, Path log) {
    this.name = name;
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  static ServiceProcess start(String name, Map<String, String> env, int httpPort)
      throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run mvn package first");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = Path.of("target", "fault-logs", name + "-" + System.nanoTime() + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    JAR.toString(),
                    "consume"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("HTTP_PORT", Integer.toString(httpPort));
    builder.environment().put("INSTANCE_ID", name);
    return new ServiceProcess(name, builder.start(), httpPort, log);
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** GET /readyz: the status code and body, or -1 when nothing answers. */
  Readyz readyz(Duration timeout) {
    long started = System.nanoTime();
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/readyz"))
                  .timeout(timeout)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Readyz(
          response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException e) {
      return new Readyz(-1, e.toString(), Duration.ofNanos(System.nanoTime() - started));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Readyz(-1, "interrupted", Duration.ZERO);
    }
  }

  /** The value of an unlabelled gauge in /metrics, or NaN when it cannot be read. */
  double gauge(String name) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      for (String line : response.body().split("\n")) {
        if (line.startsWith(name + " ")) {
          return Double.parseDouble(line.substring(name.length() + 1).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Double.NaN;
  }

  /** Waits until /readyz says 200. */
  void awaitReady(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    Readyz last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
      }
      last = readyz(Duration.ofSeconds(2));
      if (last.status() == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " not ready within " + within + ": " + last + "; see " + log);
  }

  /** SIGTERM, then the exit code, or null when it did not exit in time. */
  Integer terminate(Duration within) throws InterruptedException {
    process.destroy();
    return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  /** SIGKILL. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** One answer of /readyz and how long it took. */
  record Readyz(int status, String body, Duration took) {}
}
