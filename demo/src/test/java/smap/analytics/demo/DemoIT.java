package smap.analytics.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo from a clean state on its embedded servers, with the configured database, broker and
 * object store pointed at tripwires: local ports that count every connection and serve nothing.
 */
class DemoIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Timeout(600)
  void theDemoRunsOnItsEmbeddedServersAndNeverTouchesTheConfiguredOnes() throws Exception {
    try (Tripwire database = new Tripwire();
        Tripwire broker = new Tripwire();
        Tripwire objectStore = new Tripwire()) {
      Map<String, String> env =
          Map.of(
              "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + database.port() + "/production",
              "RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:" + broker.port() + "/%2F",
              "MINIO_ENDPOINT", "http://127.0.0.1:" + objectStore.port(),
              "HTTP_PORT", "0");
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      List<String> console = new ArrayList<>();

      Demo.Report report =
          Demo.run(
              env,
              new PrintStream(printed, true, StandardCharsets.UTF_8),
              new Demo.Options(false, true),
              running -> console.addAll(askTheConsole(running)));

      String output = printed.toString(StandardCharsets.UTF_8);
      assertThat(output)
          .contains("embedded PostgreSQL", "Apache Qpid Broker-J", "in-process S3")
          .contains("no RabbitMQ queue arguments");
      assertThat(report.batches())
          .extracting(b -> b.eventId().replaceAll("^demo-[a-z0-9]+-", "") + "=" + b.status())
          .hasSize(8)
          .contains(
              "tiktok-0=SUCCEEDED",
              "tiktok-1=SUCCEEDED",
              "tiktok-2=SUCCEEDED",
              "youtube-0=SUCCEEDED",
              "youtube-1=SUCCEEDED",
              "legacy=SUCCEEDED",
              "missing=FAILED")
          .anyMatch(line -> line.endsWith("=REJECTED"));
      assertThat(report.batches())
          .filteredOn(b -> b.eventId().contains("-tiktok-"))
          .allSatisfy(b -> assertThat(b.items()).isEqualTo(50));
      assertThat(report.collectorResults()).hasSize(7);
      for (String result : report.collectorResults()) {
        JsonNode flat = JSON.readTree(result);
        assertThat(flat.properties())
            .extracting(Map.Entry::getKey)
            .containsExactlyInAnyOrder(
                "project_id", "job_id", "task_type", "batch_size", "success_count", "error_count");
        assertThat(flat.get("success_count").asInt() + flat.get("error_count").asInt())
            .isEqualTo(flat.get("batch_size").asInt());
      }
      assertThat(report.firstResult()).isNotNull().isPositive();
      assertThat(console)
          .containsExactly("login 200", "readyz 200", "batches 8", "anonymous api 401");

      assertThat(database.connections()).as("connections to DATABASE_URL").isZero();
      assertThat(broker.connections()).as("connections to RABBITMQ_URL").isZero();
      assertThat(objectStore.connections()).as("connections to MINIO_ENDPOINT").isZero();
      Matcher dataDir = Pattern.compile("data in (\\S+) \\(removed at exit\\)").matcher(output);
      assertThat(dataDir.find()).as("the demo names its data directory").isTrue();
      assertThat(Path.of(dataDir.group(1))).doesNotExist();
    }
  }

  /** Asks the running console: sign-in page, readiness, the batches over the JSON API. */
  private static List<String> askTheConsole(Demo.Report running) {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + running.httpPort();
    String basic =
        Base64.getEncoder()
            .encodeToString(("demo:" + running.consolePassword()).getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> login = get(http, base + "/login", null);
      HttpResponse<String> ready = get(http, base + "/readyz", null);
      HttpResponse<String> batches = get(http, base + "/api/batches", "Basic " + basic);
      HttpResponse<String> anonymous = get(http, base + "/api/batches", null);
      JsonNode listed = JSON.readTree(batches.body());
      JsonNode items = listed.path("rows");
      return List.of(
          "login " + login.statusCode(),
          "readyz " + ready.statusCode(),
          "batches " + (batches.statusCode() == 200 ? items.size() : -batches.statusCode()),
          "anonymous api " + anonymous.statusCode());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A local port that accepts and counts connections, then closes them without a word. */
  private static final class Tripwire implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();

    Tripwire() throws IOException {
      socket = new ServerSocket(0);
      Thread accept =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket ignored = socket.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "tripwire-" + socket.getLocalPort());
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
