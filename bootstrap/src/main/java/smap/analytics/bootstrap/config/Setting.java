package smap.analytics.bootstrap.config;

/**
 * Every environment variable the service reads, with its default and what it does. {@code --help}
 * and the README's configuration table list exactly these (a test keeps them in step).
 */
public enum Setting {
  DATABASE_URL(
      "jdbc:postgresql://127.0.0.1:5432/smap_analytics",
      "JDBC URL of PostgreSQL. The database is created on first start when the user may do so."),
  DATABASE_USER("postgres", "Database user."),
  DATABASE_PASSWORD("", "Database password (empty for trust authentication)."),
  DATABASE_POOL_SIZE("10", "Connections in the pool (at least MAX_CONCURRENT_BATCHES + 3)."),
  RABBITMQ_URL(
      "amqp://guest:guest@127.0.0.1:5672/%2F", "AMQP URL of RabbitMQ, with credentials and vhost."),
  EVENT_EXCHANGE("smap.events", "Topic exchange the crawlers publish data.collected events to."),
  EVENT_QUEUE_NAME("analytics.data.collected", "Durable input queue bound to EVENT_EXCHANGE."),
  EVENT_ROUTING_KEY("data.collected", "Routing key binding EVENT_QUEUE_NAME to EVENT_EXCHANGE."),
  EVENT_QUEUE_TYPE(
      "classic",
      "Type of EVENT_QUEUE_NAME when this service creates it: classic or quorum (replicated). An"
          + " existing queue of another type is used as it is, with a warning on /readyz."),
  EVENT_QUEUE_DELIVERY_LIMIT(
      "20",
      "Quorum queue only: deliveries of one message before the broker dead-letters it; above"
          + " RETRY_MAX_ATTEMPTS and POISON_ATTEMPTS, so the service's own budgets act first."),
  LEGACY_QUEUE_NAME(
      "analytics_queue", "Legacy single-post queue, consumed while the legacy-format flag is on."),
  DEAD_LETTER_QUEUE_NAME(
      "analytics.data.collected.dead",
      "Where messages that crash the consumer repeatedly are parked."),
  PUBLISH_EXCHANGE("results.inbound", "Topic exchange of the per-batch results for the Collector."),
  PUBLISH_ROUTING_KEY("analyze.result", "Routing key of the per-batch results."),
  MINIO_ENDPOINT("http://127.0.0.1:9000", "S3/MinIO endpoint URL."),
  MINIO_ACCESS_KEY("minioadmin", "S3/MinIO access key."),
  MINIO_SECRET_KEY("minioadmin", "S3/MinIO secret key."),
  MINIO_REGION("us-east-1", "Region sent to the object store (saves a region lookup)."),
  MINIO_BUCKET(
      "crawl-results",
      "The crawl-results bucket: the only bucket read; events naming another are rejected, and"
          + " /readyz checks only this one."),
  HTTP_PORT("8080", "Port of /healthz, /readyz, /metrics and (serve, console) the console."),
  MAX_CONCURRENT_BATCHES("5", "Batches processed at once: one consumer channel each."),
  CONSUMER_PREFETCH(
      "1",
      "Deliveries each consumer channel holds at once: 1 asks for the next only after the ack."),
  EXPECTED_BATCH_SIZE_TIKTOK(
      "50", "Expected TikTok batch size; a mismatch is a warning and a metric."),
  EXPECTED_BATCH_SIZE_YOUTUBE(
      "20", "Expected batch size of YouTube and every other platform; a mismatch is a warning."),
  TRANSIENT_ERROR_CODES(
      "",
      "Comma-separated crawler error codes to treat as transient (adds to and overrides the defaults)."),
  PERMANENT_ERROR_CODES(
      "", "Comma-separated crawler error codes to treat as permanent (overrides)."),
  RETRY_MAX_ATTEMPTS(
      "8", "Deliveries of one event before a transient failure makes the batch failed."),
  RETRY_INITIAL_BACKOFF_MS(
      "1000", "Consumer pause after the first transient failure; doubles per attempt."),
  RETRY_MAX_BACKOFF_MS("60000", "Upper bound of that pause."),
  OBJECT_NOT_FOUND_RETRIES(
      "3", "In-place retries when the batch object is missing, before failing the batch."),
  OBJECT_NOT_FOUND_DELAY_MS("1000", "Delay between those retries."),
  POISON_ATTEMPTS(
      "3", "Attempts that end without an outcome before a message is parked (dead-lettered)."),
  BATCH_TIMEOUT_SECONDS(
      "300",
      "A batch still running after this is abandoned: nothing is committed, the message is retried"
          + " and the worker freed."),
  DATABASE_STATEMENT_TIMEOUT_MS(
      "60000", "PostgreSQL statement_timeout of every connection (0 for none)."),
  DATABASE_SOCKET_TIMEOUT_MS(
      "120000",
      "Read timeout of the PostgreSQL socket: a server that stops answering is an outage, not a"
          + " hang."),
  MINIO_CONNECT_TIMEOUT_MS("5000", "Connect timeout of the object store."),
  MINIO_READ_TIMEOUT_MS("30000", "Read timeout of the object store (a trickling read fails)."),
  OUTBOX_LEASE_SECONDS(
      "30",
      "How long a relay holds a result it publishes; another relay takes it over only after"
          + " watching the lease stand still this long with the database up."),
  UNROUTABLE_RETRY_INITIAL_SECONDS(
      "30",
      "Pause before the relay tries again a result the broker returned as unroutable (no queue"
          + " bound to PUBLISH_EXCHANGE); doubles with each return (1 to 3600)."),
  UNROUTABLE_RETRY_MAX_SECONDS(
      "3600",
      "Upper bound of that pause (UNROUTABLE_RETRY_INITIAL_SECONDS to 86400); unroutable results"
          + " are retried until delivered, or resent by an operator."),
  SHUTDOWN_TIMEOUT_SECONDS(
      "30",
      "On SIGTERM: time to finish or requeue batches in flight and record pending outbox marks"
          + " before the process exits."),
  ITEMS_PER_BATCH_MAX(
      "10000",
      "Entries a batch file may hold; a larger one fails with its count (counted while parsing)."),
  INTENT_PATTERNS_PATH("", "Intent pattern file; empty for the built-in one."),
  ASPECT_DICTIONARY_PATH("", "Aspect dictionary file; empty for the built-in one."),
  SENTIMENT_LEXICON_PATH("", "Sentiment lexicon file; empty for the built-in one."),
  CONSOLE_USERS(
      "",
      "Console users: comma-separated name:role:bcrypt-hash, role viewer or operator. Required by serve"
          + " and console."),
  CONSOLE_SECURE_COOKIES(
      "true", "Mark session cookies Secure and send HSTS (serve the console behind HTTPS)."),
  CONSOLE_DATABASE_POOL_SIZE(
      "3",
      "Connections of the console's own pool (console queries, audit, /readyz, /metrics gauges),"
          + " apart from the pipeline's."),
  CONSOLE_STATEMENT_TIMEOUT_MS(
      "10000", "PostgreSQL statement_timeout of the console's connections."),
  CONSOLE_MAX_CONCURRENT_REQUESTS(
      "16", "Console requests served at once; more wait up to 2 s, then get 503."),
  CONSOLE_SESSION_IDLE_MINUTES(
      "30", "A console session ends after this long without a request (polling does not count)."),
  CONSOLE_SESSION_MAX_HOURS("12", "A console session ends this long after sign-in."),
  CONSOLE_MAX_SESSIONS(
      "1000", "Signed-in sessions kept at most; the least recently used is dropped first."),
  CONSOLE_LOGIN_MAX_FAILURES(
      "5",
      "Failed sign-ins of one user name before it is locked for CONSOLE_LOGIN_LOCKOUT_SECONDS."),
  CONSOLE_LOGIN_MAX_FAILURES_PER_ADDRESS(
      "20", "Failed sign-ins from one client address before it is locked."),
  CONSOLE_LOGIN_LOCKOUT_SECONDS(
      "300", "How long a lock lasts (answer 429 with Retry-After), and how long failures count."),
  INSTANCE_ID(
      "",
      "Name of this instance (flag scopes, outbox leases), at most 100 characters; empty for host"
          + " name and pid."),
  LOG_FORMAT("json", "json (one JSON object per line with event_id, job_id, project_id) or text."),
  LOG_LEVEL("INFO", "Root log level: TRACE, DEBUG, INFO, WARN, ERROR or OFF."),
  MIGRATE_ON_START(
      "true",
      "Apply pending database migrations at start-up; false: start only on a current schema (run"
          + " the migrate command as a separate step)."),
  RETENTION_RAW_BODY_DAYS(
      "30",
      "Days to keep the raw message of finished batches (succeeded, partial, rejected) for"
          + " replays; failed and parked ones keep theirs. 0 keeps forever."),
  RETENTION_SENT_OUTBOX_DAYS("14", "Days to keep published outbox rows. 0 keeps forever."),
  RETENTION_AUDIT_DAYS("365", "Days to keep operator audit rows. 0 keeps forever."),
  RETENTION_CRAWL_ERRORS_DAYS("90", "Days to keep crawl error rows. 0 keeps forever."),
  RETENTION_INTERVAL_MINUTES(
      "60", "Minutes between two pruning runs (consume and serve; one instance at a time).");

  private final String defaultValue;
  private final String description;

  Setting(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
