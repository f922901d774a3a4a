package smap.analytics.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import smap.analytics.bootstrap.config.Setting;
import smap.analytics.embedded.s3.EmbeddedS3Server;

/**
 * The demo's own servers, all in this process or started by it: PostgreSQL (zonky's binaries), an
 * AMQP 0-9-1 broker (Qpid Broker-J) and an S3 server (S3Proxy). Their data lives in one temporary
 * directory that {@link #close()} removes. Nothing configured is read or touched.
 */
final class EmbeddedParts implements AutoCloseable {

  private final Path directory;
  private EmbeddedPostgres postgres;
  private EmbeddedAmqpBroker broker;
  private EmbeddedS3Server s3;

  private EmbeddedParts(Path directory) {
    this.directory = directory;
  }

  /** Starts the three servers in a fresh temporary directory; on failure stops what started. */
  static EmbeddedParts start() {
    Path directory;
    try {
      directory = Files.createTempDirectory("smap-analytics-demo-");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the demo's data directory: " + e, e);
    }
    EmbeddedParts parts = new EmbeddedParts(directory);
    try {
      parts.postgres =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(directory.resolve("postgres-bin").toFile())
              .setDataDirectory(directory.resolve("postgres-data"))
              .setCleanDataDirectory(true)
              .start();
      parts.broker = EmbeddedAmqpBroker.start(directory.resolve("broker"));
      parts.s3 = EmbeddedS3Server.start(0, "demo-access", UUID.randomUUID().toString());
      return parts;
    } catch (IOException | RuntimeException e) {
      parts.close();
      throw new IllegalStateException("the demo's embedded servers did not start: " + e, e);
    }
  }

  /** The settings that point the service at these servers, replacing any configured ones. */
  Map<String, String> settings() {
    Map<String, String> env = new HashMap<>();
    env.put(
        Setting.DATABASE_URL.name(),
        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/smap_analytics");
    env.put(Setting.DATABASE_USER.name(), "postgres");
    env.put(Setting.DATABASE_PASSWORD.name(), "");
    env.put(Setting.RABBITMQ_URL.name(), broker.url());
    env.put(Setting.MINIO_ENDPOINT.name(), s3.endpoint().toString());
    env.put(Setting.MINIO_ACCESS_KEY.name(), s3.accessKey());
    env.put(Setting.MINIO_SECRET_KEY.name(), s3.secretKey());
    return env;
  }

  /** One line naming the servers, for the demo's output. */
  String describe() {
    return "embedded PostgreSQL on 127.0.0.1:"
        + postgres.getPort()
        + ", embedded AMQP broker (Apache Qpid Broker-J) at "
        + broker.url().replace("guest:guest@", "")
        + ", in-process S3 at "
        + s3.endpoint()
        + "; data in "
        + directory
        + " (removed at exit)";
  }

  Path directory() {
    return directory;
  }

  /** Stops the servers and removes the data directory; safe to call twice. */
  @Override
  public synchronized void close() {
    if (s3 != null) {
      s3.close();
      s3 = null;
    }
    if (broker != null) {
      broker.close();
      broker = null;
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        org.slf4j.LoggerFactory.getLogger(EmbeddedParts.class)
            .warn("stopping the embedded PostgreSQL: {}", e.toString());
      }
      postgres = null;
    }
    if (Files.exists(directory)) {
      deleteRecursively(directory);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(EmbeddedParts.class)
          .warn("removing {}: {}", root, e.toString());
    }
  }
}
