package smap.analytics.domain.message;

import static smap.analytics.domain.message.JsonTree.at;
import static smap.analytics.domain.message.JsonTree.object;
import static smap.analytics.domain.message.JsonTree.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.failure.InvalidMessageException;
import smap.analytics.domain.message.Classification.Accepted;
import smap.analytics.domain.message.Classification.Rejected;
import smap.analytics.domain.message.InboundMessage.DataCollectedEvent;
import smap.analytics.domain.message.InboundMessage.LegacyInline;
import smap.analytics.domain.message.InboundMessage.LegacyReference;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/**
 * Detects the format of a decoded inbound message and reads its envelope (CONTRACT 2): a {@code
 * payload.minio_path} makes a batched event, a {@code data_ref} a legacy reference, a bare {@code
 * meta} a legacy inline post; anything else is rejected with a reason naming the field.
 */
public final class MessageClassifier {
  /** The {@code event_type} of a batched event. */
  public static final String DATA_COLLECTED = "data.collected";

  private static final List<String> RECOMMENDED =
      List.of("job_id", "batch_index", "task_type", "brand_name", "keyword", "platform");

  private MessageClassifier() {}

  /**
   * Classifies a message.
   *
   * @param tree the body decoded as a JSON tree of JDK types
   * @param rawBody the bytes as received, for a stable id when the message carries none
   * @param enabled the formats accepted now (feature flags)
   */
  public static Classification classify(Object tree, byte[] rawBody, Set<MessageFormat> enabled) {
    List<String> warnings = new ArrayList<>();
    Map<String, Object> root = object(tree);
    if (root == null) {
      return new Rejected(
          EventContext.of(EventId.derive(rawBody)),
          "body: expected a JSON object, got " + describe(tree));
    }
    EventId eventId = eventId(root, rawBody, warnings);
    Map<String, Object> payload = object(root.get("payload"));

    if (payload != null && payload.containsKey("minio_path")) {
      EventContext context = batchContext(root, payload, eventId, warnings);
      if (!enabled.contains(MessageFormat.BATCH_EVENT)) {
        return disabled(context, MessageFormat.BATCH_EVENT);
      }
      try {
        ObjectLocation location =
            ObjectLocation.parse(text(payload.get("minio_path")), "payload.minio_path");
        return new Accepted(new DataCollectedEvent(context, location), warnings);
      } catch (InvalidMessageException invalid) {
        return new Rejected(context, invalid.getMessage());
      }
    }

    Object dataRef = root.get("data_ref");
    if (dataRef != null) {
      EventContext context = legacyContext(root, eventId, warnings);
      if (!enabled.contains(MessageFormat.LEGACY_REFERENCE)) {
        return disabled(context, MessageFormat.LEGACY_REFERENCE);
      }
      if (object(dataRef) == null) {
        return new Rejected(
            context, "data_ref: expected an object {bucket, path}, got " + describe(dataRef));
      }
      String bucket = text(at(dataRef, "bucket"));
      String path = text(at(dataRef, "path"));
      if (bucket == null) {
        return new Rejected(context, "data_ref.bucket: is missing or empty");
      }
      if (path == null) {
        return new Rejected(context, "data_ref.path: is missing or empty");
      }
      String key = path.startsWith("/") ? path.substring(1) : path;
      if (key.isBlank()) {
        return new Rejected(context, "data_ref.path: '" + path + "' names no object");
      }
      try {
        ObjectLocation.requireNameable(bucket, "data_ref.bucket");
        ObjectLocation.requireNameable(key, "data_ref.path");
        return new Accepted(
            new LegacyReference(context, new ObjectLocation(bucket.strip(), key)), warnings);
      } catch (InvalidMessageException invalid) {
        return new Rejected(context, invalid.getMessage());
      }
    }

    Object meta = root.get("meta");
    if (meta != null) {
      EventContext context = legacyContext(root, eventId, warnings);
      if (!enabled.contains(MessageFormat.LEGACY_INLINE)) {
        return disabled(context, MessageFormat.LEGACY_INLINE);
      }
      if (object(meta) == null) {
        return new Rejected(context, "meta: expected an object, got " + describe(meta));
      }
      return new Accepted(new LegacyInline(context, root), warnings);
    }

    EventContext context = EventContext.of(eventId);
    if (root.containsKey("payload") && payload == null) {
      return new Rejected(
          context,
          "payload: expected an object with minio_path, got " + describe(root.get("payload")));
    }
    if (payload != null) {
      return new Rejected(
          batchContext(root, payload, eventId, new ArrayList<>()),
          "payload.minio_path: is missing; a data.collected event must name its batch file");
    }
    return new Rejected(
        context,
        "body: no usable format: expected payload.minio_path (data.collected event), data_ref"
            + " {bucket, path} (legacy reference) or meta (legacy inline post); found keys "
            + new TreeSet<>(root.keySet()));
  }

  private static Rejected disabled(EventContext context, MessageFormat format) {
    return new Rejected(
        context,
        "format "
            + format
            + " is switched off (feature flag "
            + (format == MessageFormat.BATCH_EVENT ? "batch-format" : "legacy-format")
            + "); replay the batch once it is on");
  }

  private static EventId eventId(Map<String, Object> root, byte[] rawBody, List<String> warnings) {
    String given = text(root.get("event_id"));
    if (given == null) {
      return EventId.derive(rawBody);
    }
    if (given.length() > EventId.MAX_LENGTH) {
      warnings.add("event_id: longer than " + EventId.MAX_LENGTH + " characters; derived one used");
      return EventId.derive(rawBody);
    }
    String stripped = given.strip();
    if (!stripped.equals(Storable.clean(stripped))) {
      warnings.add("event_id: holds U+0000 or an unpaired surrogate; derived one used");
      return EventId.derive(rawBody);
    }
    return EventId.of(stripped);
  }

  private static EventContext batchContext(
      Map<String, Object> root,
      Map<String, Object> payload,
      EventId eventId,
      List<String> warnings) {
    String eventType = text(root.get("event_type"));
    if (eventType != null && !eventType.equals(DATA_COLLECTED)) {
      warnings.add("event_type: expected '" + DATA_COLLECTED + "', got '" + eventType + "'");
    }
    Instant timestamp = JsonTree.instant(root.get("timestamp"));
    if (timestamp == null && root.get("timestamp") != null) {
      warnings.add(
          "timestamp: '" + root.get("timestamp") + "' is not ISO-8601; crawled_at left empty");
    }
    Long contentCount = JsonTree.wholeNumber(payload.get("content_count"));
    Long itemCount = JsonTree.wholeNumber(payload.get("item_count"));
    if (contentCount == null) {
      contentCount = itemCount;
    }
    List<String> missing = new ArrayList<>();
    for (String field : RECOMMENDED) {
      if (text(payload.get(field)) == null) {
        missing.add("payload." + field);
      }
    }
    if (!missing.isEmpty()) {
      warnings.add("missing fields " + missing + "; processing goes on without them");
    }
    return storable(
        new EventContext(
            eventId,
            eventType,
            timestamp,
            text(payload.get("project_id")),
            text(payload.get("job_id")),
            toInt(JsonTree.wholeNumber(payload.get("batch_index"))),
            toInt(contentCount),
            platform(text(payload.get("platform")), "payload.", warnings),
            text(payload.get("task_type")),
            text(payload.get("brand_name")),
            text(payload.get("keyword"))),
        "payload.",
        warnings);
  }

  /**
   * The envelope as it can be stored: text bounded to its columns without the characters PostgreSQL
   * refuses. Each change is a warning.
   */
  static EventContext storable(EventContext raw, String prefix, List<String> warnings) {
    return new EventContext(
        raw.eventId(),
        Storable.text(raw.eventType(), ColumnLimits.EVENT_TYPE, "event_type", warnings),
        raw.timestamp(),
        Storable.text(raw.projectId(), ColumnLimits.PROJECT_ID, prefix + "project_id", warnings),
        Storable.text(raw.jobId(), ColumnLimits.JOB_ID, prefix + "job_id", warnings),
        raw.batchIndex(),
        raw.contentCount(),
        raw.platform(),
        Storable.text(raw.taskType(), ColumnLimits.TASK_TYPE, prefix + "task_type", warnings),
        Storable.text(raw.brandName(), ColumnLimits.BRAND_NAME, prefix + "brand_name", warnings),
        Storable.text(raw.keyword(), ColumnLimits.KEYWORD, prefix + "keyword", warnings));
  }

  /**
   * The platform as read: null when none was named, else one of the known set; an unknown one is
   * {@code UNKNOWN} with a warning (the raw text stays in the stored message).
   */
  static Platform platform(String raw, String prefix, List<String> warnings) {
    if (raw == null) {
      return null;
    }
    Platform known = Platform.from(raw);
    if (known == Platform.UNKNOWN && !raw.strip().equalsIgnoreCase("unknown")) {
      warnings.add(
          prefix
              + "platform: '"
              + Storable.reason(raw, ColumnLimits.PLATFORM)
              + "' is not one of "
              + java.util.Arrays.toString(Platform.values())
              + "; stored as UNKNOWN (the raw value stays in the stored message)");
    }
    return known;
  }

  /** Legacy messages carry their context at the top level or in the post's {@code meta}. */
  private static EventContext legacyContext(
      Map<String, Object> root, EventId eventId, List<String> warnings) {
    return storable(
        new EventContext(
            eventId,
            text(root.get("event_type")),
            JsonTree.instant(JsonTree.first(root, "timestamp", "meta.crawled_at")),
            text(JsonTree.first(root, "project_id", "meta.project_id")),
            text(JsonTree.first(root, "job_id", "meta.job_id")),
            toInt(JsonTree.wholeNumber(JsonTree.first(root, "batch_index", "meta.batch_index"))),
            1,
            platform(
                text(JsonTree.first(root, "platform", "meta.platform", "data_ref.platform")),
                "",
                warnings),
            text(JsonTree.first(root, "task_type", "meta.task_type")),
            text(JsonTree.first(root, "brand_name", "meta.brand_name")),
            text(JsonTree.first(root, "keyword", "meta.keyword", "meta.keyword_source"))),
        "",
        warnings);
  }

  private static Integer toInt(Long value) {
    if (value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      return null;
    }
    return value.intValue();
  }

  static String describe(Object node) {
    return switch (node) {
      case null -> "null";
      case Map<?, ?> m -> "an object";
      case List<?> l -> "an array";
      case String s -> "a string";
      case Number n -> "a number";
      case Boolean b -> "a boolean";
      default -> node.getClass().getSimpleName();
    };
  }
}
