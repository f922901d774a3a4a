package smap.analytics.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smap.analytics.application.service.RetentionPolicy;
import smap.analytics.domain.error.ErrorCode;

class ServiceSettingsTest {

  @Test
  void withNothingSetEveryDefaultPointsAtThisMachine() {
    ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of());

    assertThat(settings.database().url())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/smap_analytics");
    assertThat(settings.database().user()).isEqualTo("postgres");
    assertThat(settings.database().password()).isEmpty();
    assertThat(settings.broker().url().toString())
        .isEqualTo("amqp://guest:guest@127.0.0.1:5672/%2F");
    assertThat(settings.broker().eventExchange()).isEqualTo("smap.events");
    assertThat(settings.broker().eventQueue()).isEqualTo("analytics.data.collected");
    assertThat(settings.broker().eventRoutingKey()).isEqualTo("data.collected");
    assertThat(settings.broker().legacyQueue()).isEqualTo("analytics_queue");
    assertThat(settings.broker().deadLetterQueue()).isEqualTo("analytics.data.collected.dead");
    assertThat(settings.broker().publishExchange()).isEqualTo("results.inbound");
    assertThat(settings.broker().publishRoutingKey()).isEqualTo("analyze.result");
    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.maxConcurrentBatches()).isEqualTo(5);
    assertThat(settings.broker().prefetch()).isEqualTo(1);
    assertThat(settings.database().poolSize()).isEqualTo(10);
    assertThat(settings.pipeline().batchSizes().tiktok()).isEqualTo(50);
    assertThat(settings.pipeline().batchSizes().youtube()).isEqualTo(20);
    assertThat(settings.pipeline().retry().maxAttempts()).isEqualTo(8);
    assertThat(settings.rules().intentPatterns()).isNull();
    assertThat(settings.secureCookies()).isTrue();
    assertThat(settings.instanceId()).isNotBlank();
    assertThat(settings.logFormat()).isEqualTo("json");
    assertThat(settings.logLevel()).isEqualTo("INFO");
    assertThat(settings.migrateOnStart()).isTrue();
    assertThat(settings.objectStore().bucket()).isEqualTo("crawl-results");
    assertThat(settings.pipeline().crawlResultsBucket()).isEqualTo("crawl-results");
    assertThat(settings.broker().eventQueueType()).isEqualTo("classic");
    assertThat(settings.broker().eventQueueDeliveryLimit()).isEqualTo(20);
    assertThat(settings.retention()).isEqualTo(RetentionPolicy.defaults());
    assertThat(settings.retentionInterval()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void thePlatformSettingsAreRead() {
    ServiceSettings settings =
        ServiceSettings.fromEnvironment(
            Map.ofEntries(
                Map.entry("LOG_LEVEL", "debug"),
                Map.entry("MIGRATE_ON_START", "false"),
                Map.entry("MINIO_BUCKET", "crawl-results-prod"),
                Map.entry("EVENT_QUEUE_TYPE", "quorum"),
                Map.entry("EVENT_QUEUE_DELIVERY_LIMIT", "9"),
                Map.entry("RETENTION_RAW_BODY_DAYS", "0"),
                Map.entry("RETENTION_SENT_OUTBOX_DAYS", "3"),
                Map.entry("RETENTION_AUDIT_DAYS", "730"),
                Map.entry("RETENTION_CRAWL_ERRORS_DAYS", "45"),
                Map.entry("RETENTION_INTERVAL_MINUTES", "5")));

    assertThat(settings.logLevel()).isEqualTo("DEBUG");
    assertThat(settings.migrateOnStart()).isFalse();
    assertThat(settings.objectStore().bucket()).isEqualTo("crawl-results-prod");
    assertThat(settings.pipeline().crawlResultsBucket()).isEqualTo("crawl-results-prod");
    assertThat(settings.broker().eventQueueType()).isEqualTo("quorum");
    assertThat(settings.broker().eventQueueDeliveryLimit()).isEqualTo(9);
    assertThat(settings.retention())
        .isEqualTo(
            new RetentionPolicy(
                Duration.ZERO, Duration.ofDays(3), Duration.ofDays(730), Duration.ofDays(45)));
    assertThat(settings.retentionInterval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aQuorumDeliveryLimitMustLeaveRoomForTheServicesOwnRetries() {
    assertThatThrownBy(
            () ->
                ServiceSettings.fromEnvironment(
                    Map.of("EVENT_QUEUE_TYPE", "quorum", "EVENT_QUEUE_DELIVERY_LIMIT", "8")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "EVENT_QUEUE_DELIVERY_LIMIT: must be above RETRY_MAX_ATTEMPTS (8) and POISON_ATTEMPTS"
                + " (3), or the broker dead-letters messages the service still retries; got 8");
  }

  @Test
  void everySettingIsReadIntoTheRecords() throws IOException {
    Path lexicon = Files.createTempFile("lexicon", ".tsv");
    ServiceSettings settings =
        ServiceSettings.fromEnvironment(
            Map.ofEntries(
                Map.entry("DATABASE_URL", "jdbc:postgresql://db:5432/analytics"),
                Map.entry("DATABASE_USER", "svc"),
                Map.entry("DATABASE_PASSWORD", "s3cret"),
                Map.entry("DATABASE_POOL_SIZE", "20"),
                Map.entry("RABBITMQ_URL", "amqps://u:p@mq:5671/prod"),
                Map.entry("EVENT_EXCHANGE", "ev"),
                Map.entry("EVENT_QUEUE_NAME", "q"),
                Map.entry("EVENT_ROUTING_KEY", "rk"),
                Map.entry("LEGACY_QUEUE_NAME", "legacy"),
                Map.entry("DEAD_LETTER_QUEUE_NAME", "dead"),
                Map.entry("PUBLISH_EXCHANGE", "out"),
                Map.entry("PUBLISH_ROUTING_KEY", "res"),
                Map.entry("MINIO_ENDPOINT", "https://s3.example.com:9443"),
                Map.entry("MINIO_ACCESS_KEY", "ak"),
                Map.entry("MINIO_SECRET_KEY", "sk"),
                Map.entry("MINIO_REGION", "ap-southeast-1"),
                Map.entry("HTTP_PORT", "9090"),
                Map.entry("MAX_CONCURRENT_BATCHES", "3"),
                Map.entry("CONSUMER_PREFETCH", "2"),
                Map.entry("EXPECTED_BATCH_SIZE_TIKTOK", "40"),
                Map.entry("EXPECTED_BATCH_SIZE_YOUTUBE", "25"),
                Map.entry("TRANSIENT_ERROR_CODES", "CONTENT_REMOVED"),
                Map.entry("PERMANENT_ERROR_CODES", "TIMEOUT, RATE_LIMITED"),
                Map.entry("RETRY_MAX_ATTEMPTS", "4"),
                Map.entry("RETRY_INITIAL_BACKOFF_MS", "200"),
                Map.entry("RETRY_MAX_BACKOFF_MS", "5000"),
                Map.entry("OBJECT_NOT_FOUND_RETRIES", "0"),
                Map.entry("OBJECT_NOT_FOUND_DELAY_MS", "50"),
                Map.entry("POISON_ATTEMPTS", "5"),
                Map.entry("SENTIMENT_LEXICON_PATH", lexicon.toString()),
                Map.entry("CONSOLE_USERS", "ana:operator:$2a$10$abc"),
                Map.entry("CONSOLE_SECURE_COOKIES", "false"),
                Map.entry("INSTANCE_ID", "worker-1"),
                Map.entry("LOG_FORMAT", "text")));

    assertThat(settings.database())
        .isEqualTo(
            new ServiceSettings.Database(
                "jdbc:postgresql://db:5432/analytics", "svc", "s3cret", 20));
    assertThat(settings.broker().url().getScheme()).isEqualTo("amqps");
    assertThat(settings.broker().eventExchange()).isEqualTo("ev");
    assertThat(settings.broker().eventQueue()).isEqualTo("q");
    assertThat(settings.broker().eventRoutingKey()).isEqualTo("rk");
    assertThat(settings.broker().legacyQueue()).isEqualTo("legacy");
    assertThat(settings.broker().deadLetterQueue()).isEqualTo("dead");
    assertThat(settings.broker().publishExchange()).isEqualTo("out");
    assertThat(settings.broker().publishRoutingKey()).isEqualTo("res");
    assertThat(settings.objectStore().endpoint().toString())
        .isEqualTo("https://s3.example.com:9443");
    assertThat(settings.objectStore().accessKey()).isEqualTo("ak");
    assertThat(settings.objectStore().secretKey()).isEqualTo("sk");
    assertThat(settings.objectStore().region()).isEqualTo("ap-southeast-1");
    assertThat(settings.httpPort()).isEqualTo(9090);
    assertThat(settings.maxConcurrentBatches()).isEqualTo(3);
    assertThat(settings.broker().prefetch()).isEqualTo(2);
    assertThat(settings.pipeline().batchSizes().tiktok()).isEqualTo(40);
    assertThat(settings.pipeline().batchSizes().youtube()).isEqualTo(25);
    assertThat(settings.pipeline().errorCodes().isTransient(ErrorCode.of("CONTENT_REMOVED")))
        .isTrue();
    assertThat(settings.pipeline().errorCodes().isTransient(ErrorCode.of("TIMEOUT"))).isFalse();
    assertThat(settings.pipeline().errorCodes().isTransient(ErrorCode.of("RATE_LIMITED")))
        .isFalse();
    assertThat(settings.pipeline().retry().maxAttempts()).isEqualTo(4);
    assertThat(settings.pipeline().retry().initialBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.pipeline().retry().maxBackoff()).isEqualTo(Duration.ofMillis(5000));
    assertThat(settings.pipeline().retry().notFoundRetries()).isZero();
    assertThat(settings.pipeline().retry().notFoundDelay()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.pipeline().retry().poisonAttempts()).isEqualTo(5);
    assertThat(settings.rules().sentimentLexicon()).isEqualTo(lexicon);
    assertThat(settings.consoleUsers()).isEqualTo("ana:operator:$2a$10$abc");
    assertThat(settings.secureCookies()).isFalse();
    assertThat(settings.instanceId()).isEqualTo("worker-1");
    assertThat(settings.logFormat()).isEqualTo("text");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DATABASE_URL|postgres://127.0.0.1/db|DATABASE_URL: expected a JDBC URL like jdbc:postgresql://host:5432/database, got 'postgres://127.0.0.1/db'",
        "RABBITMQ_URL|http://127.0.0.1:5672|RABBITMQ_URL: expected a URL starting with amqp:// or amqps://, got 'http://127.0.0.1:5672'",
        "MINIO_ENDPOINT|127.0.0.1:9000|MINIO_ENDPOINT: expected a URL starting with http:// or https://, got '127.0.0.1:9000'",
        "HTTP_PORT|80a|HTTP_PORT: expected a whole number, got '80a'",
        "HTTP_PORT|70000|HTTP_PORT: must be between 0 and 65535, got 70000",
        "MAX_CONCURRENT_BATCHES|0|MAX_CONCURRENT_BATCHES: must be between 1 and 64, got 0",
        "CONSUMER_PREFETCH|0|CONSUMER_PREFETCH: must be between 1 and 100, got 0",
        "EXPECTED_BATCH_SIZE_TIKTOK|-5|EXPECTED_BATCH_SIZE_TIKTOK: must be between 1 and 10000, got -5",
        "TRANSIENT_ERROR_CODES|TIMEOUT;RATE_LIMITED|TRANSIENT_ERROR_CODES: 'TIMEOUT;RATE_LIMITED' is not an error code (letters, digits and _, at most 50, starting with a letter)",
        "RETRY_INITIAL_BACKOFF_MS|fast|RETRY_INITIAL_BACKOFF_MS: expected milliseconds as a whole number, got 'fast'",
        "CONSOLE_SECURE_COOKIES|maybe|CONSOLE_SECURE_COOKIES: expected true or false, got 'maybe'",
        "EVENT_QUEUE_NAME|two words|EVENT_QUEUE_NAME: expected up to 255 printable characters without spaces, got 'two words'",
        "SENTIMENT_LEXICON_PATH|/nonexistent/lexicon.tsv|SENTIMENT_LEXICON_PATH: no readable file at '/nonexistent/lexicon.tsv'",
        "LOG_FORMAT|xml|LOG_FORMAT: expected json or text, got 'xml'",
        "LOG_LEVEL|verbose|LOG_LEVEL: expected one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got 'verbose'",
        "MIGRATE_ON_START|later|MIGRATE_ON_START: expected true or false, got 'later'",
        "MINIO_BUCKET|Crawl_Results|MINIO_BUCKET: expected an S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-'), got 'Crawl_Results'",
        "EVENT_QUEUE_TYPE|stream|EVENT_QUEUE_TYPE: expected one of classic, quorum, got 'stream'",
        "EVENT_QUEUE_DELIVERY_LIMIT|0|EVENT_QUEUE_DELIVERY_LIMIT: must be between 1 and 1000, got 0",
        "RETENTION_AUDIT_DAYS|-1|RETENTION_AUDIT_DAYS: must be between 0 and 36500, got -1",
        "RETENTION_CRAWL_ERRORS_DAYS|90d|RETENTION_CRAWL_ERRORS_DAYS: expected a whole number, got '90d'",
        "RETENTION_INTERVAL_MINUTES|0|RETENTION_INTERVAL_MINUTES: must be between 1 and 10080, got 0"
      })
  void aMalformedValueStopsWithOneLineNamingTheVariable(
      String variable, String value, String message) {
    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of(variable, value)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(message);
  }

  @Test
  void anInstanceIdTooLongForTheLeaseAndScopeColumnsStopsTheStart() {
    assertThatThrownBy(
            () -> ServiceSettings.fromEnvironment(Map.of("INSTANCE_ID", "i".repeat(101))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("INSTANCE_ID")
        .hasMessageContaining("at most 100 characters, got 101");
    assertThat(ServiceSettings.fromEnvironment(Map.of("INSTANCE_ID", "i".repeat(100))).instanceId())
        .hasSize(100);
    assertThat(ServiceSettings.fromEnvironment(Map.of()).instanceId().length())
        .isLessThanOrEqualTo(100);
  }

  @Test
  void codesAreReadWhateverTheirCase() {
    assertThat(
            ServiceSettings.fromEnvironment(Map.of("PERMANENT_ERROR_CODES", "timeout"))
                .pipeline()
                .errorCodes()
                .isTransient(ErrorCode.of("TIMEOUT")))
        .isFalse();
  }

  @Test
  void aCodeCannotBeBothTransientAndPermanent() {
    assertThatThrownBy(
            () ->
                ServiceSettings.fromEnvironment(
                    Map.of("TRANSIENT_ERROR_CODES", "TIMEOUT", "PERMANENT_ERROR_CODES", "TIMEOUT")))
        .hasMessage(
            "PERMANENT_ERROR_CODES: TIMEOUT is also listed in TRANSIENT_ERROR_CODES; a code is one or the other");
  }

  @Test
  void thePoolGrowsWithTheConcurrencyUnlessSetExplicitly() {
    assertThat(
            ServiceSettings.fromEnvironment(Map.of("MAX_CONCURRENT_BATCHES", "20"))
                .database()
                .poolSize())
        .isEqualTo(23);
  }

  @Test
  void theReadmeDocumentsEverySetting() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting setting : Setting.values()) {
      assertThat(readme).as("README mentions %s", setting).contains("`" + setting.name() + "`");
    }
  }
}
