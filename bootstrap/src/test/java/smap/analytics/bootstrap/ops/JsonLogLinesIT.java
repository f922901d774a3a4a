package smap.analytics.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.e2e.RunningService;

/**
 * The JSON log lines of a real run, encoded by the production logback configuration's {@code json}
 * appender: every line about a batch (processing, the relay's publish, the consumer's outage and
 * requeue lines) names the batch's event id, job id and project id.
 */
class JsonLogLinesIT {

  private static final String BUCKET = "crawl-results";
  private static final String PROJECT = "proj_logs";
  private static final List<String> BATCH_LOGGERS =
      List.of(
          "smap.analytics.application.service.ProcessDeliveryService",
          "smap.analytics.application.service.BatchRun",
          "smap.analytics.application.service.DeliveryRecorder",
          "smap.analytics.application.service.RelayResultsService");
  private static final String CONSUMER =
      "smap.analytics.adapter.amqp.RabbitDeliveryConsumerAdapter";

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private AppenderBase<ILoggingEvent> capture;
  private RunningService service;

  @AfterEach
  void stop() throws Exception {
    if (capture != null) {
      root().detachAppender(capture);
    }
    if (service != null) {
      service.close();
    }
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @SuppressWarnings("unchecked")
  private void captureJsonLines() {
    var production = root().getAppender("json");
    assertThat(production)
        .as("the production logback.xml's json appender on the root logger")
        .isInstanceOf(OutputStreamAppender.class);
    Encoder<ILoggingEvent> encoder =
        ((OutputStreamAppender<ILoggingEvent>) production).getEncoder();
    capture =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8).strip());
          }
        };
    capture.setContext(root().getLoggerContext());
    capture.start();
    root().addAppender(capture);
  }

  @Test
  void everyLineAboutABatchNamesItsEventJobAndProject() throws Exception {
    captureJsonLines();
    service = RunningService.start("logs", ServiceRuntime.Mode.HEADLESS, env -> {});
    String suffix = service.suffix();
    String good = "logs-good-" + suffix;
    String goodJob = PROJECT + "-brand-0";
    String key = "tiktok/" + suffix + ".json";
    service.crawler().upload(BUCKET, key, SampleBatches.batch("TIKTOK", goodJob, 50, 2, 3), false);
    service
        .crawler()
        .publish(SampleBatches.event(good, BUCKET + "/" + key, PROJECT, goodJob, 0, 50, "tiktok"));
    service.awaitTerminal(good, 120);
    await(line -> line.path("logger_name").asText().endsWith("RelayResultsService"), 60);

    // The object store goes away: the next batch is requeued and consumption pauses.
    service.s3().close();
    String away = "logs-away-" + suffix;
    String awayJob = PROJECT + "-brand-1";
    service
        .crawler()
        .publish(
            SampleBatches.event(
                away, BUCKET + "/tiktok/" + suffix + "-2.json", PROJECT, awayJob, 1, 50, "tiktok"));
    await(
        line ->
            line.path("logger_name").asText().equals(CONSUMER)
                && away.equals(line.path("event_id").asText()),
        120);

    Map<String, String> jobs = Map.of(good, goodJob, away, awayJob);
    List<JsonNode> aboutBatches = new ArrayList<>();
    for (JsonNode line : parsed()) {
      String logger = line.path("logger_name").asText();
      if (BATCH_LOGGERS.contains(logger) || line.has("event_id")) {
        aboutBatches.add(line);
      }
    }
    for (JsonNode line : aboutBatches) {
      String eventId = line.path("event_id").asText(null);
      assertThat(eventId).as(line.toString()).isIn(good, away);
      assertThat(line.path("job_id").asText(null)).as(line.toString()).isEqualTo(jobs.get(eventId));
      assertThat(line.path("project_id").asText(null)).as(line.toString()).isEqualTo(PROJECT);
    }
    assertThat(aboutBatches)
        .as("processing, relay and consumer lines")
        .anyMatch(l -> l.path("logger_name").asText().endsWith("RelayResultsService"))
        .anyMatch(l -> l.path("logger_name").asText().equals(CONSUMER))
        .anyMatch(l -> l.path("event_id").asText().equals(good));
  }

  private List<JsonNode> parsed() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : lines) {
      nodes.add(json.readTree(line));
    }
    return nodes;
  }

  private void await(Predicate<JsonNode> wanted, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (parsed().stream().anyMatch(wanted)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no such log line within " + seconds + " s among:\n" + lines);
  }
}
