package smap.analytics.bootstrap.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStream;
import com.zaxxer.hikari.HikariDataSource;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import smap.analytics.adapter.amqp.JacksonMessageDecoderAdapter;
import smap.analytics.adapter.minio.MinioBatchObjectAdapter;
import smap.analytics.adapter.minio.MinioClients;
import smap.analytics.adapter.postgres.FlywayMigrator;
import smap.analytics.adapter.postgres.JooqBatchLedgerAdapter;
import smap.analytics.adapter.postgres.JooqFeatureFlagAdapter;
import smap.analytics.adapter.postgres.PostgresDataSources;
import smap.analytics.adapter.web.metrics.MicrometerPipelineMetricsAdapter;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.service.FeatureFlagCache;
import smap.analytics.application.service.PipelineSettings;
import smap.analytics.application.service.ProcessDeliveryService;
import smap.analytics.bootstrap.e2e.TestInfrastructure;
import smap.analytics.domain.analysis.AnalysisRules;
import smap.analytics.domain.analysis.AnalysisSettings;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.embedded.s3.EmbeddedS3Server;

/**
 * Property: whatever a crawler sends, every message ends with a recorded outcome, every good item
 * of a readable batch is stored, and no exception escapes. Each generated case (a hostile envelope
 * and a hostile batch file) runs through the real decoder, classification, S3 adapter (in-process
 * S3Proxy), item reading, analysis and the real PostgreSQL write path (one database per run).
 *
 * <p>{@code ./mvnw -B verify} runs {@value #DEFAULT_TRIES} cases; {@code -Dfuzz.tries=100000} runs
 * more (see the README).
 */
class HostileInputFuzzIT {

  static final int DEFAULT_TRIES = 2000;
  private static final int MAX_ITEMS = 40;
  private static final long MAX_DECODED = 2L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes every non-ASCII character as an escape, so lone surrogates reach the service too. */
  private static final ObjectMapper ESCAPING =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();

  /** Envelopes larger than this are rejected by the decoder (DeliveryDecoder). */
  private static final int MAX_ENVELOPE = 1024 * 1024;

  private static final AtomicLong CASES = new AtomicLong();
  private static final String BUCKET = "fuzz";

  private static String dbName;
  private static HikariDataSource dataSource;
  private static EmbeddedS3Server s3;
  private static MinioClient minio;
  private static ProcessDeliveryService service;
  private static JacksonMessageDecoderAdapter decoder;
  private static long started;

  @BeforeContainer
  static void start() throws Exception {
    started = System.nanoTime();
    dbName = "smap_fuzz_" + TestInfrastructure.uniqueSuffix();
    String url = TestInfrastructure.createDatabase(dbName);
    dataSource = PostgresDataSources.create(url, "postgres", "", 4);
    FlywayMigrator.migrate(dataSource);
    DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    s3 = EmbeddedS3Server.start(0, "fuzz-access", "fuzz-secret");
    minio =
        MinioClients.create(s3.endpoint().toString(), "fuzz-access", "fuzz-secret", "us-east-1");
    minio.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
    FeatureFlagCache flags =
        new FeatureFlagCache(
            new JooqFeatureFlagAdapter(dsl, dataSource), "fuzz", Clock.systemUTC());
    AnalysisRules rules = AnalysisRules.loadDefaults();
    service =
        new ProcessDeliveryService(
            new MinioBatchObjectAdapter(minio, MAX_DECODED, MAX_ITEMS),
            new JooqBatchLedgerAdapter(dsl),
            new MicrometerPipelineMetricsAdapter(),
            flags,
            new PostAnalyser(rules, AnalysisSettings.defaults(), rules.lexicon()),
            PipelineSettings.defaults(),
            Clock.systemUTC(),
            millis -> {});
    decoder = new JacksonMessageDecoderAdapter();
  }

  @AfterContainer
  static void stop() {
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    System.out.println(
        "HostileInputFuzzIT: " + CASES.get() + " cases in " + seconds + " s (including set-up)");
    if (dataSource != null) {
      dataSource.close();
    }
    if (s3 != null) {
      s3.close();
    }
    TestInfrastructure.dropDatabase(dbName);
  }

  // ---------------------------------------------------------------- generated values

  /** Values of the wrong type or shape for any field. */
  static Arbitrary<Object> hostileValue() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(true, false),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.of(
            new BigDecimal("1e999999999"),
            new BigDecimal("-1e-999999999"),
            new BigDecimal("9".repeat(900)),
            new BigDecimal("18446744073709551616"),
            new BigDecimal("0.1"),
            new BigDecimal("-0")),
        Arbitraries.of(Double.MAX_VALUE, -Double.MAX_VALUE, 1e308, Double.MIN_VALUE)
            .map(d -> (Object) d),
        hostileText().map(s -> (Object) s),
        Arbitraries.of(
            "9".repeat(5_000),
            "1e999999999",
            "-9223372036854775809",
            "NaN",
            "Infinity",
            "0x1F",
            "1_000",
            "null",
            "NULL",
            "",
            "   ",
            "2025-13-45T99:99:99Z",
            "10000-01-01T00:00:00Z",
            "-1000000000-01-01T00:00Z",
            "1970-01-01 00:00:00",
            "tiktok",
            "error"),
        Arbitraries.just(List.of()),
        Arbitraries.just(Map.of()),
        Arbitraries.of(1, 2, 3).map(n -> (Object) Arrays.asList(null, "x", 3, Map.of("a", "b"))),
        Arbitraries.integers().between(1, 400).map(HostileInputFuzzIT::nested));
  }

  /** Text with what PostgreSQL and JSON make hard: NUL, control characters, lone surrogates. */
  static Arbitrary<String> hostileText() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(30),
            Arbitraries.of(
                "\u0000",
                "a\u0000b",
                "\u0001\u0002\u001f\u007f",
                "\uD800",
                "\uDC00x",
                "\uD83D\uDE00",
                "\\u0000",
                "'; DROP TABLE post_analytics; --",
                "<script>alert(1)</script>",
                "\r\n\t",
                "\uFEFF",
                "tệ nhất",
                "\u202E"));
    // Giant values are rare (each costs a megabyte through S3, the parser and the database),
    // so the run stays fast; they still come up dozens of times in 2,000 cases.
    return Arbitraries.frequencyOf(
        Tuple.of(60, pieces.list().ofMaxSize(6).map(l -> String.join("", l))),
        Tuple.of(
            15,
            Arbitraries.of(
                "x".repeat(21),
                "y".repeat(51),
                "y".repeat(101),
                "z".repeat(201),
                "w".repeat(5_000),
                "\u0000".repeat(300))),
        Tuple.of(1, Arbitraries.of("v".repeat(250_000), "9".repeat(1_000_000))));
  }

  private static Object nested(int depth) {
    Object node = "deep";
    for (int i = 0; i < depth; i++) {
      node = i % 2 == 0 ? List.of(node) : Map.of("k", node);
    }
    return node;
  }

  /** A good item: always analysed and stored unless its batch as a whole is unusable. */
  static Map<String, Object> goodItem(String id) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(
        "meta",
        Map.of(
            "id",
            id,
            "platform",
            "tiktok",
            "published_at",
            "2025-12-01T10:00:00Z",
            "permalink",
            "https://tiktok.example/" + id));
    item.put(
        "content",
        Map.of("text", "Xe VinFast đẹp quá, giá hơi cao #vinfast", "hashtags", List.of("vinfast")));
    item.put("interaction", Map.of("views", 1200, "likes", 30, "comments_count", 2));
    item.put("author", Map.of("id", "a-" + id, "name", "Author", "followers", 10));
    item.put("comments", List.of(Map.of("id", "c1", "text", "hay", "likes", 1)));
    return item;
  }

  private static final List<String[]> FIELDS =
      List.of(
          new String[] {"meta", "id"},
          new String[] {"meta", "platform"},
          new String[] {"meta", "published_at"},
          new String[] {"meta", "fetch_status"},
          new String[] {"meta", "error_code"},
          new String[] {"meta", "error_message"},
          new String[] {"meta", "error_details"},
          new String[] {"meta", "permalink"},
          new String[] {"content", "text"},
          new String[] {"content", "transcription"},
          new String[] {"content", "hashtags"},
          new String[] {"content", "duration"},
          new String[] {"interaction", "views"},
          new String[] {"interaction", "likes"},
          new String[] {"interaction", "shares"},
          new String[] {"author", "id"},
          new String[] {"author", "name"},
          new String[] {"author", "username"},
          new String[] {"author", "avatar_url"},
          new String[] {"author", "followers"},
          new String[] {"author", "is_verified"},
          new String[] {"comments", null},
          new String[] {"meta", null},
          new String[] {"content", null});

  /** An item with hostile values in some of its fields (or no object at all). */
  static Arbitrary<Object> hostileItem() {
    Arbitrary<Object> mutated =
        Combinators.combine(
                Arbitraries.integers()
                    .between(0, FIELDS.size() - 1)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(5),
                hostileValue().list().ofSize(5),
                Arbitraries.of("dup-0", "dup-1", "h", "h"),
                Arbitraries.of(true, false))
            .as(
                (fields, values, idKind, crawlerError) -> {
                  Map<String, Object> item = deepCopy(goodItem(idKind));
                  if (crawlerError) {
                    meta(item).put("fetch_status", "error");
                    meta(item).put("error_code", "CONTENT_REMOVED");
                  }
                  for (int i = 0; i < fields.size(); i++) {
                    String[] field = FIELDS.get(fields.get(i));
                    Object value = values.get(i);
                    if (field[1] == null) {
                      item.put(field[0], value);
                    } else if (item.get(field[0]) instanceof Map<?, ?> block) {
                      Map<String, Object> map = new LinkedHashMap<>();
                      block.forEach((k, v) -> map.put(String.valueOf(k), v));
                      map.put(field[1], value);
                      item.put(field[0], map);
                    }
                  }
                  return (Object) item;
                });
    Arbitrary<Object> comments =
        hostileValue()
            .list()
            .ofMaxSize(4)
            .map(
                list -> {
                  Map<String, Object> item = deepCopy(goodItem("hc"));
                  List<Object> cs = new ArrayList<>();
                  for (Object v : list) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("id", v);
                    c.put("text", v);
                    c.put("author_name", v);
                    c.put("likes", v);
                    c.put("created_at", v);
                    cs.add(c);
                    cs.add(v);
                  }
                  item.put("comments", cs);
                  return (Object) item;
                });
    return Arbitraries.oneOf(mutated, mutated, comments, hostileValue());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> meta(Map<String, Object> item) {
    return (Map<String, Object>) item.get("meta");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
    return copy;
  }

  /** How the batch file is damaged, if at all. */
  enum FileDamage {
    NONE,
    NONE_COMPRESSED,
    TRUNCATED_ZSTD,
    INVALID_UTF8,
    TRUNCATED_JSON,
    OVERSIZED,
    TOO_MANY_ITEMS,
    TOO_DEEP,
    NUMBER_TOO_LONG,
    NOT_A_BATCH
  }

  /** How the envelope is damaged, if at all. */
  enum EnvelopeDamage {
    NONE,
    HOSTILE_FIELDS,
    RAW_JUNK,
    BAD_MINIO_PATH,
    MISSING_OBJECT
  }

  /** One generated case. */
  record Case(
      List<Object> hostile,
      int good,
      int shape,
      FileDamage fileDamage,
      EnvelopeDamage envelopeDamage,
      List<Object> envelopeValues,
      List<Integer> envelopeFields,
      byte[] junk) {

    /** True when the batch must be stored: its good items analysed, one row each. */
    boolean readable() {
      return (fileDamage == FileDamage.NONE || fileDamage == FileDamage.NONE_COMPRESSED)
          && (envelopeDamage == EnvelopeDamage.NONE
              || envelopeDamage == EnvelopeDamage.HOSTILE_FIELDS)
          && hostile.size() + good <= MAX_ITEMS;
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<FileDamage> damage =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(FileDamage.NONE)),
            Tuple.of(6, Arbitraries.just(FileDamage.NONE_COMPRESSED)),
            Tuple.of(1, Arbitraries.of(FileDamage.values())));
    Arbitrary<EnvelopeDamage> envelope =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(EnvelopeDamage.NONE)),
            Tuple.of(6, Arbitraries.just(EnvelopeDamage.HOSTILE_FIELDS)),
            Tuple.of(1, Arbitraries.of(EnvelopeDamage.values())));
    return Combinators.combine(
            hostileItem().list().ofMaxSize(6),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 2),
            damage,
            envelope,
            hostileValue().list().ofSize(4),
            Arbitraries.integers().between(0, ENVELOPE_FIELDS.size() - 1).list().ofSize(4),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
        .as(Case::new);
  }

  private static final List<String> ENVELOPE_FIELDS =
      List.of(
          "event_id",
          "event_type",
          "timestamp",
          "payload.project_id",
          "payload.job_id",
          "payload.batch_index",
          "payload.content_count",
          "payload.platform",
          "payload.task_type",
          "payload.brand_name",
          "payload.keyword",
          "payload.item_count",
          "payload.extra");

  // ---------------------------------------------------------------- the property

  @Property(shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void everyMessageEndsWithARecordedOutcomeAndEveryGoodItemIsStored(@ForAll("cases") Case c)
      throws Exception {
    long n = CASES.incrementAndGet();
    String nonce = "f" + n + "-" + TestInfrastructure.uniqueSuffix();
    List<Object> items = new ArrayList<>();
    Set<String> goodIds = new LinkedHashSet<>();
    for (int i = 0; i < c.good(); i++) {
      String id = "good-" + nonce + "-" + i;
      goodIds.add(id);
      items.add(goodItem(id));
    }
    int at = 0;
    for (Object h : c.hostile()) {
      items.add(Math.min(at, items.size()), h);
      at += 2;
    }
    String key = nonce + (c.fileDamage() == FileDamage.NONE_COMPRESSED ? ".json.zst" : ".json");
    byte[] file = batchBytes(items, c);
    putObject(key, file);
    long decodedSize =
        c.fileDamage() == FileDamage.NONE_COMPRESSED ? unzstd(file).length : file.length;

    byte[] body = envelope(c, nonce, key);
    long before = ledgerCount();
    DeliveryOutcome outcome =
        service.process(ProcessDeliveryCommand.delivery("fuzz.in", body, decoder.decode(body), 0));

    assertThat(outcome)
        .as("outcome of case %s (%s, %s)", n, c.fileDamage(), c.envelopeDamage())
        .isInstanceOf(DeliveryOutcome.Acknowledge.class);
    assertThat(ledgerCount()).as("one new ledger row for case " + n).isEqualTo(before + 1);
    String status = latestStatus();
    assertThat(status).isIn("SUCCEEDED", "PARTIAL", "FAILED", "REJECTED");
    if (c.readable() && body.length <= MAX_ENVELOPE && decodedSize <= MAX_DECODED) {
      assertThat(status)
          .as("readable batch of case %s: %s", n, latestError())
          .isIn("SUCCEEDED", "PARTIAL");
      assertThat(storedPosts(goodIds)).as("good items of case " + n).isEqualTo(goodIds.size());
    } else if (c.readable() && body.length <= MAX_ENVELOPE) {
      // Well-formed but larger than the decoded-size bound (hostile strings add up): refused
      // whole, with the bound in the reason, nothing stored.
      assertThat(status).as("oversized batch of case %s", n).isEqualTo("FAILED");
      assertThat(latestError())
          .as("reason of case " + n)
          .contains("exceeds the limit of " + MAX_DECODED + " bytes");
    } else if (status.equals("FAILED") || status.equals("REJECTED")) {
      assertThat(latestError()).as("reason of case " + n).isNotBlank();
    }
  }

  // ---------------------------------------------------------------- building a case

  private static byte[] batchBytes(List<Object> items, Case c) throws Exception {
    FileDamage damage = c.fileDamage();
    if (damage == FileDamage.TOO_MANY_ITEMS) {
      items = new ArrayList<>(items);
      while (items.size() <= MAX_ITEMS) {
        items.add(Map.of());
      }
    }
    Object top =
        switch (c.shape()) {
          case 0 -> items;
          case 1 -> Map.of("items", items, "batch", "x");
          default -> items.size() == 1 && items.get(0) instanceof Map<?, ?> one ? one : items;
        };
    byte[] json = write(top);
    return switch (damage) {
      case NONE, TOO_MANY_ITEMS -> json;
      case NONE_COMPRESSED -> zstd(json);
      case TRUNCATED_ZSTD -> {
        byte[] z = zstd(json);
        yield Arrays.copyOf(z, Math.max(5, z.length / 2));
      }
      case INVALID_UTF8 -> {
        int middle = Math.max(1, json.length / 2);
        byte[] out = new byte[json.length + 2];
        System.arraycopy(json, 0, out, 0, middle);
        out[middle] = (byte) 0xC3;
        out[middle + 1] = (byte) 0x28;
        System.arraycopy(json, middle, out, middle + 2, json.length - middle);
        yield out;
      }
      case TRUNCATED_JSON -> Arrays.copyOf(json, Math.max(1, json.length - 3));
      case OVERSIZED -> zstd(("[" + "{},".repeat((int) (MAX_DECODED / 3)) + "{}]").getBytes());
      case TOO_DEEP -> ("[" + "[".repeat(5_000) + "]".repeat(5_000) + "]").getBytes();
      case NUMBER_TOO_LONG -> ("[{\"meta\":{\"id\":" + "7".repeat(5_000) + "}}]").getBytes();
      case NOT_A_BATCH -> c.junk();
    };
  }

  private static byte[] unzstd(byte[] bytes) throws Exception {
    try (com.github.luben.zstd.ZstdInputStream in =
        new com.github.luben.zstd.ZstdInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  private static byte[] zstd(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  private static void putObject(String key, byte[] body) throws Exception {
    minio.putObject(
        PutObjectArgs.builder().bucket(BUCKET).object(key).stream(
                new ByteArrayInputStream(body), body.length, -1)
            .build());
  }

  private static byte[] envelope(Case c, String nonce, String key) throws Exception {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("minio_path", BUCKET + "/" + key);
    payload.put("project_id", "proj_fuzz");
    payload.put("job_id", "proj_fuzz-brand-0");
    payload.put("batch_index", 0);
    payload.put("content_count", 5);
    payload.put("platform", "tiktok");
    payload.put("task_type", "research_and_crawl");
    payload.put("brand_name", "VinFast");
    payload.put("keyword", "VF8");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("event_id", "evt-" + nonce);
    root.put("event_type", "data.collected");
    root.put("timestamp", "2025-12-17T10:00:00Z");
    root.put("nonce", nonce);
    root.put("payload", payload);
    switch (c.envelopeDamage()) {
      case NONE -> {}
      case HOSTILE_FIELDS -> {
        for (int i = 0; i < c.envelopeFields().size(); i++) {
          String field = ENVELOPE_FIELDS.get(c.envelopeFields().get(i));
          Object value = c.envelopeValues().get(i);
          if (field.equals("event_id")) {
            // ids must stay unique per case (a repeated id is a duplicate delivery)
            value = value instanceof String s ? s + nonce : null;
          }
          if (field.startsWith("payload.")) {
            payload.put(field.substring("payload.".length()), value);
          } else {
            root.put(field, value);
          }
        }
      }
      case RAW_JUNK -> {
        byte[] junk = c.junk();
        byte[] out = Arrays.copyOf(junk, junk.length + nonce.length());
        System.arraycopy(
            nonce.getBytes(StandardCharsets.UTF_8), 0, out, junk.length, nonce.length());
        return out;
      }
      case BAD_MINIO_PATH ->
          payload.put(
              "minio_path", c.envelopeValues().get(0) instanceof String s ? s + "\u0000" : 12);
      case MISSING_OBJECT -> payload.put("minio_path", BUCKET + "/missing-" + nonce);
    }
    return write(root);
  }

  /** JSON as a producer would send it; with escapes when the text holds a lone surrogate. */
  private static byte[] write(Object tree) throws Exception {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException loneSurrogate) {
      return ESCAPING.writeValueAsBytes(tree);
    }
  }

  // ---------------------------------------------------------------- reading the database

  private static long ledgerCount() throws Exception {
    return Long.parseLong(query("SELECT count(*) FROM batch_ledger"));
  }

  private static String latestStatus() throws Exception {
    return query(
        "SELECT status FROM batch_ledger ORDER BY received_at DESC, updated_at DESC LIMIT 1");
  }

  private static String latestError() throws Exception {
    return query(
        "SELECT coalesce(last_error, '') FROM batch_ledger ORDER BY received_at DESC, updated_at DESC LIMIT 1");
  }

  private static int storedPosts(Set<String> ids) throws Exception {
    if (ids.isEmpty()) {
      return 0;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM post_analytics WHERE id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("varchar", ids.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static String query(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
