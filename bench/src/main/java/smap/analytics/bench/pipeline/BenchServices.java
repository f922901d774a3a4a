package smap.analytics.bench.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service processes of the pipeline benchmark: each started from the jar as a {@code consume}
 * process with the benchmark's settings and waited for until ready, their CPU time and largest
 * resident set read from /proc, and stopped at the end.
 */
final class BenchServices {

  private static final Pattern RUNNING = Pattern.compile("running; http://127\\.0\\.0\\.1:(\\d+)/");

  private final Options options;
  private final Map<String, String> settings;
  private final List<Process> processes = new ArrayList<>();
  private final AtomicLong maxRss = new AtomicLong();

  /** {@code settings}: the environment every service gets (database, broker, bucket names). */
  BenchServices(Options options, Map<String, String> settings) {
    this.options = options;
    this.settings = Map.copyOf(settings);
  }

  /** The largest resident set sampled since the last {@link #resetMaxRss}. */
  long maxRss() {
    return maxRss.get();
  }

  void resetMaxRss() {
    maxRss.set(0);
  }

  List<Process> processes() {
    return List.copyOf(processes);
  }

  long cpuMicros() {
    long sum = 0;
    for (Process p : processes) {
      sum += ProcStats.cpuMicros(p.pid());
    }
    return sum;
  }

  /** CPU time of the services' JIT compiler and GC threads, summed: {@code [jit, gc]}. */
  long[] jitAndGcCpuMicros() {
    long[] sum = new long[2];
    for (Process p : processes) {
      long[] t = ProcStats.jitAndGcCpuMicros(p.pid());
      sum[0] += t[0];
      sum[1] += t[1];
    }
    return sum;
  }

  void sampleRss() {
    while (!Thread.currentThread().isInterrupted()) {
      long rss = 0;
      for (Process p : processes) {
        rss = Math.max(rss, ProcStats.rssBytes(p.pid()));
      }
      maxRss.accumulateAndGet(rss, Math::max);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void start(int n) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(options.jvmArgs());
    command.add("--enable-native-access=ALL-UNNAMED");
    if (options.jfr()) {
      command.add(
          "-XX:StartFlightRecording=filename="
              + options.out().resolveSibling("service-" + n + ".jfr")
              + ",settings=profile,name=bench");
    }
    command.addAll(List.of("-jar", options.jar().toString(), "consume"));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.putAll(settings);
    env.put("INSTANCE_ID", "bench-" + n);
    Path log = options.out().resolveSibling("service-" + n + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    int port = -1;
    while (port < 0) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "service " + n + " did not start; its output is in " + log.toAbsolutePath());
      }
      Matcher m = RUNNING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      } else {
        Thread.sleep(100);
      }
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(3))
            .build();
    while (true) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("service " + n + " is not ready; see " + log);
      }
      Thread.sleep(200);
    }
    System.out.printf(
        Locale.ROOT, "bench: service %d ready (pid %d, port %d)%n", n, process.pid(), port);
    processes.add(process);
  }

  void stop() {
    if (options.jfr()) {
      // Written before the stop: the service halts at the end of its shutdown hook, which can cut
      // the JVM's own dump of the recording short (a truncated file).
      for (Process p : processes) {
        dumpRecording(p.pid());
      }
    }
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void dumpRecording(long pid) {
    Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
    Path jcmd = java.resolveSibling("jcmd");
    try {
      Process dump =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid), "JFR.stop", "name=bench")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!dump.waitFor(60, TimeUnit.SECONDS)) {
        dump.destroyForcibly();
      }
    } catch (IOException e) {
      System.out.println("bench: could not write the JFR recording of " + pid + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
