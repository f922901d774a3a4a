package smap.analytics.bootstrap.config;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import smap.analytics.application.service.PipelineSettings;
import smap.analytics.application.service.PipelineSettings.RetryPolicy;
import smap.analytics.application.service.RetentionPolicy;
import smap.analytics.domain.batch.BatchSizePolicy;
import smap.analytics.domain.delivery.Backoff;
import smap.analytics.domain.error.ErrorCodePolicy;

/**
 * Configuration: every setting of the service, read once from the environment and validated.
 * Building it either succeeds completely or throws a {@link ConfigurationException} naming the
 * first bad variable.
 */
public record ServiceSettings(
    Database database,
    Broker broker,
    ObjectStore objectStore,
    int httpPort,
    int maxConcurrentBatches,
    PipelineSettings pipeline,
    RulePaths rules,
    Map<String, String> environment,
    String consoleUsers,
    boolean secureCookies,
    String instanceId,
    String logFormat,
    String logLevel,
    boolean migrateOnStart,
    RetentionPolicy retention,
    Duration retentionInterval,
    Deadlines deadlines,
    Console console,
    Backoff unroutableRetry) {

  /**
   * The console's pool, timeouts, session and sign-in limits.
   *
   * @param poolSize connections of the console's own pool
   * @param statementTimeout PostgreSQL statement_timeout of those connections
   */
  public record Console(
      int poolSize,
      Duration statementTimeout,
      int maxConcurrentRequests,
      Duration sessionIdle,
      Duration sessionMax,
      int maxSessions,
      int maxFailuresPerUser,
      int maxFailuresPerAddress,
      Duration lockout) {}

  /** PostgreSQL connection. */
  public record Database(String url, String user, String password, int poolSize) {}

  /** RabbitMQ connection and topology (CONTRACT 1). */
  public record Broker(
      URI url,
      String eventExchange,
      String eventQueue,
      String eventRoutingKey,
      String legacyQueue,
      String deadLetterQueue,
      String publishExchange,
      String publishRoutingKey,
      String eventQueueType,
      int eventQueueDeliveryLimit,
      int prefetch) {}

  /** S3-compatible object store. */
  public record ObjectStore(
      URI endpoint,
      String accessKey,
      String secretKey,
      String region,
      String bucket,
      int itemsPerBatchMax) {}

  /**
   * Deadlines and timeouts that keep an outage from holding a worker, and the shutdown budget.
   *
   * @param batch a batch still running after this is abandoned and retried
   * @param statement PostgreSQL statement timeout (zero for none)
   * @param databaseSocket PostgreSQL socket read timeout (zero for none)
   * @param objectStoreConnect object store connect timeout
   * @param objectStoreRead object store read timeout
   * @param outboxLease how long a relay holds a result it publishes
   * @param shutdown time to drain on SIGTERM
   */
  public record Deadlines(
      java.time.Duration batch,
      java.time.Duration statement,
      java.time.Duration databaseSocket,
      java.time.Duration objectStoreConnect,
      java.time.Duration objectStoreRead,
      java.time.Duration outboxLease,
      java.time.Duration shutdown) {}

  /** Rule files of the analysis; null for the built-in ones. */
  public record RulePaths(Path intentPatterns, Path aspectDictionary, Path sentimentLexicon) {}

  /** Reads and validates every setting. */
  public static ServiceSettings fromEnvironment(Map<String, String> values) {
    Env env = new Env(values);
    String url = env.text(Setting.DATABASE_URL);
    if (!url.startsWith("jdbc:postgresql://")) {
      throw new ConfigurationException(
          Setting.DATABASE_URL.name(),
          "expected a JDBC URL like jdbc:postgresql://host:5432/database, got '" + url + "'");
    }
    int maxConcurrent = env.integer(Setting.MAX_CONCURRENT_BATCHES, 1, 64);
    int defaultPool = Math.max(10, maxConcurrent + 3);
    int pool =
        env.raw(Setting.DATABASE_POOL_SIZE) == null
            ? defaultPool
            : env.integer(Setting.DATABASE_POOL_SIZE, 2, 200);
    Database database =
        new Database(
            url, env.text(Setting.DATABASE_USER), env.secret(Setting.DATABASE_PASSWORD), pool);
    Broker broker =
        new Broker(
            env.uri(Setting.RABBITMQ_URL, "amqp", "amqps"),
            env.amqpName(Setting.EVENT_EXCHANGE),
            env.amqpName(Setting.EVENT_QUEUE_NAME),
            env.amqpName(Setting.EVENT_ROUTING_KEY),
            env.amqpName(Setting.LEGACY_QUEUE_NAME),
            env.amqpName(Setting.DEAD_LETTER_QUEUE_NAME),
            env.amqpName(Setting.PUBLISH_EXCHANGE),
            env.amqpName(Setting.PUBLISH_ROUTING_KEY),
            env.oneOf(Setting.EVENT_QUEUE_TYPE, "classic", "quorum"),
            env.integer(Setting.EVENT_QUEUE_DELIVERY_LIMIT, 1, 1000),
            env.integer(Setting.CONSUMER_PREFETCH, 1, 100));
    ObjectStore objectStore =
        new ObjectStore(
            env.uri(Setting.MINIO_ENDPOINT, "http", "https"),
            env.text(Setting.MINIO_ACCESS_KEY),
            env.secret(Setting.MINIO_SECRET_KEY),
            env.text(Setting.MINIO_REGION),
            bucket(env),
            env.integer(Setting.ITEMS_PER_BATCH_MAX, 1, 1_000_000));
    int httpPort = env.integer(Setting.HTTP_PORT, 0, 65535);
    BatchSizePolicy sizes =
        new BatchSizePolicy(
            env.integer(Setting.EXPECTED_BATCH_SIZE_TIKTOK, 1, 10_000),
            env.integer(Setting.EXPECTED_BATCH_SIZE_YOUTUBE, 1, 10_000));
    ErrorCodePolicy codes = errorCodes(env);
    RetryPolicy retry =
        new RetryPolicy(
            env.integer(Setting.RETRY_MAX_ATTEMPTS, 1, 1000),
            env.millis(Setting.RETRY_INITIAL_BACKOFF_MS, 10, 3_600_000),
            env.millis(Setting.RETRY_MAX_BACKOFF_MS, 10, 3_600_000),
            env.integer(Setting.OBJECT_NOT_FOUND_RETRIES, 0, 100),
            env.millis(Setting.OBJECT_NOT_FOUND_DELAY_MS, 0, 600_000),
            env.integer(Setting.POISON_ATTEMPTS, 2, 100));
    if (retry.maxBackoff().compareTo(retry.initialBackoff()) < 0) {
      throw new ConfigurationException(
          Setting.RETRY_MAX_BACKOFF_MS.name(), "must not be below RETRY_INITIAL_BACKOFF_MS");
    }
    if (broker.eventQueueType().equals("quorum")
        && broker.eventQueueDeliveryLimit()
            <= Math.max(retry.maxAttempts(), retry.poisonAttempts())) {
      throw new ConfigurationException(
          Setting.EVENT_QUEUE_DELIVERY_LIMIT.name(),
          "must be above RETRY_MAX_ATTEMPTS ("
              + retry.maxAttempts()
              + ") and POISON_ATTEMPTS ("
              + retry.poisonAttempts()
              + "), or the broker dead-letters messages the service still retries; got "
              + broker.eventQueueDeliveryLimit());
    }
    PipelineSettings pipeline =
        new PipelineSettings(sizes, codes, retry, "crawler_", objectStore.bucket());
    RulePaths rules =
        new RulePaths(
            file(env, Setting.INTENT_PATTERNS_PATH),
            file(env, Setting.ASPECT_DICTIONARY_PATH),
            file(env, Setting.SENTIMENT_LEXICON_PATH));
    String logFormat = env.text(Setting.LOG_FORMAT);
    if (!logFormat.equals("json") && !logFormat.equals("text")) {
      throw new ConfigurationException(
          Setting.LOG_FORMAT.name(), "expected json or text, got '" + logFormat + "'");
    }
    String logLevel =
        env.oneOf(Setting.LOG_LEVEL, "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    RetentionPolicy retention =
        new RetentionPolicy(
            env.days(Setting.RETENTION_RAW_BODY_DAYS),
            env.days(Setting.RETENTION_SENT_OUTBOX_DAYS),
            env.days(Setting.RETENTION_AUDIT_DAYS),
            env.days(Setting.RETENTION_CRAWL_ERRORS_DAYS));
    Duration retentionInterval =
        Duration.ofMinutes(env.integer(Setting.RETENTION_INTERVAL_MINUTES, 1, 10_080));
    String instance = env.raw(Setting.INSTANCE_ID);
    if (instance != null && instance.length() > MAX_INSTANCE_ID) {
      // The instance id names flag scopes and the outbox relay's leases (result_outbox.claimed_by,
      // VARCHAR(200), holds it plus a 9-character suffix).
      throw new ConfigurationException(
          Setting.INSTANCE_ID.name(),
          "at most " + MAX_INSTANCE_ID + " characters, got " + instance.length());
    }
    Deadlines deadlines =
        new Deadlines(
            java.time.Duration.ofSeconds(env.integer(Setting.BATCH_TIMEOUT_SECONDS, 1, 86_400)),
            env.millis(Setting.DATABASE_STATEMENT_TIMEOUT_MS, 0, 86_400_000),
            env.millis(Setting.DATABASE_SOCKET_TIMEOUT_MS, 0, 86_400_000),
            env.millis(Setting.MINIO_CONNECT_TIMEOUT_MS, 100, 600_000),
            env.millis(Setting.MINIO_READ_TIMEOUT_MS, 100, 3_600_000),
            java.time.Duration.ofSeconds(env.integer(Setting.OUTBOX_LEASE_SECONDS, 1, 3600)),
            java.time.Duration.ofSeconds(env.integer(Setting.SHUTDOWN_TIMEOUT_SECONDS, 1, 3600)));
    return new ServiceSettings(
        database,
        broker,
        objectStore,
        httpPort,
        maxConcurrent,
        pipeline,
        rules,
        Map.copyOf(values),
        env.text(Setting.CONSOLE_USERS),
        env.bool(Setting.CONSOLE_SECURE_COOKIES),
        instance == null ? defaultInstanceId() : instance,
        logFormat,
        logLevel,
        env.bool(Setting.MIGRATE_ON_START),
        retention,
        retentionInterval,
        deadlines,
        console(env),
        unroutableRetry(env));
  }

  /** Pauses between tries of a result the broker returned as unroutable. */
  private static Backoff unroutableRetry(Env env) {
    int initial = env.integer(Setting.UNROUTABLE_RETRY_INITIAL_SECONDS, 1, 3600);
    int max = env.integer(Setting.UNROUTABLE_RETRY_MAX_SECONDS, 1, 86_400);
    if (max < initial) {
      throw new ConfigurationException(
          Setting.UNROUTABLE_RETRY_MAX_SECONDS.name(),
          "must not be below UNROUTABLE_RETRY_INITIAL_SECONDS (" + initial + "), got " + max);
    }
    return Backoff.exponential(Duration.ofSeconds(initial), Duration.ofSeconds(max));
  }

  private static Console console(Env env) {
    return new Console(
        env.integer(Setting.CONSOLE_DATABASE_POOL_SIZE, 1, 50),
        env.millis(Setting.CONSOLE_STATEMENT_TIMEOUT_MS, 100, 600_000),
        env.integer(Setting.CONSOLE_MAX_CONCURRENT_REQUESTS, 1, 1000),
        Duration.ofMinutes(env.integer(Setting.CONSOLE_SESSION_IDLE_MINUTES, 1, 24 * 60)),
        Duration.ofHours(env.integer(Setting.CONSOLE_SESSION_MAX_HOURS, 1, 24 * 30)),
        env.integer(Setting.CONSOLE_MAX_SESSIONS, 1, 1_000_000),
        env.integer(Setting.CONSOLE_LOGIN_MAX_FAILURES, 1, 1000),
        env.integer(Setting.CONSOLE_LOGIN_MAX_FAILURES_PER_ADDRESS, 1, 100_000),
        Duration.ofSeconds(env.integer(Setting.CONSOLE_LOGIN_LOCKOUT_SECONDS, 1, 86_400)));
  }

  private static ErrorCodePolicy errorCodes(Env env) {
    ErrorCodePolicy defaults = ErrorCodePolicy.defaults();
    Set<String> transientCodes = new HashSet<>(defaults.transientCodes());
    Set<String> permanentCodes = new HashSet<>(defaults.permanentCodes());
    Set<String> extraTransient = codes(env, Setting.TRANSIENT_ERROR_CODES);
    Set<String> extraPermanent = codes(env, Setting.PERMANENT_ERROR_CODES);
    for (String code : extraTransient) {
      if (extraPermanent.contains(code)) {
        throw new ConfigurationException(
            Setting.PERMANENT_ERROR_CODES.name(),
            code + " is also listed in TRANSIENT_ERROR_CODES; a code is one or the other");
      }
    }
    transientCodes.removeAll(extraPermanent);
    permanentCodes.removeAll(extraTransient);
    transientCodes.addAll(extraTransient);
    permanentCodes.addAll(extraPermanent);
    return new ErrorCodePolicy(transientCodes, permanentCodes);
  }

  /** A code list, parsed by the domain's rule; a bad entry names the variable. */
  private static Set<String> codes(Env env, Setting setting) {
    try {
      return ErrorCodePolicy.parseList(env.raw(setting));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(setting.name(), e.getMessage());
    }
  }

  /** An S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens. */
  private static String bucket(Env env) {
    String bucket = env.text(Setting.MINIO_BUCKET);
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new ConfigurationException(
          Setting.MINIO_BUCKET.name(),
          "expected an S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-'), got '"
              + bucket
              + "'");
    }
    return bucket;
  }

  private static Path file(Env env, Setting setting) {
    String raw = env.raw(setting);
    if (raw == null) {
      return null;
    }
    Path path = Path.of(raw);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigurationException(setting.name(), "no readable file at '" + raw + "'");
    }
    return path;
  }

  /** Longest INSTANCE_ID: it is stored in VARCHAR(200) columns with a suffix of 9 characters. */
  static final int MAX_INSTANCE_ID = 100;

  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    String pid = "-" + ManagementFactory.getRuntimeMXBean().getPid();
    return host.substring(0, Math.min(host.length(), MAX_INSTANCE_ID - pid.length())) + pid;
  }
}
