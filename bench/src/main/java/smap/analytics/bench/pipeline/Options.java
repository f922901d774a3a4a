package smap.analytics.bench.pipeline;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the pipeline benchmark; see the README's Benchmarks section. */
record Options(
    int batches,
    int warmup,
    int warmupMax,
    double jitQuietPercent,
    int instances,
    Path jar,
    Path out,
    boolean jfr,
    List<String> jvmArgs,
    String rabbitmqUrl,
    String postgresUrl,
    String pgUser,
    int timeoutMinutes) {

  static Options parse(String[] args) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String key = args[i].substring(2);
      if (key.equals("jfr")) {
        a.put(key, "true");
      } else if (i + 1 < args.length) {
        a.put(key, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + key + " needs a value");
      }
    }
    String jvm = a.getOrDefault("jvm-args", "-Xmx512m");
    return new Options(
        Integer.parseInt(a.getOrDefault("batches", "1000")),
        Integer.parseInt(a.getOrDefault("warmup", "2000")),
        Integer.parseInt(a.getOrDefault("warmup-max", "10000")),
        Double.parseDouble(a.getOrDefault("jit-quiet", "5")),
        Integer.parseInt(a.getOrDefault("instances", "1")),
        Path.of(a.getOrDefault("jar", "bootstrap/target/smap-analytics.jar")),
        Path.of(a.getOrDefault("out", "bench/target/pipeline-benchmark.json")),
        a.containsKey("jfr"),
        jvm.isBlank() ? List.of() : Arrays.asList(jvm.strip().split("\\s+")),
        a.getOrDefault("rabbitmq-url", "amqp://guest:guest@127.0.0.1:5672/%2F"),
        a.getOrDefault("postgres-url", "jdbc:postgresql://127.0.0.1:5432/"),
        a.getOrDefault("postgres-user", "postgres"),
        Integer.parseInt(a.getOrDefault("timeout-minutes", "20")));
  }
}
