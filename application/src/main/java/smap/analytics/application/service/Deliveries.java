package smap.analytics.application.service;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.DeliveryOutcome.PutBack;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.message.Classification;
import smap.analytics.domain.message.Classification.Accepted;
import smap.analytics.domain.message.Classification.Rejected;
import smap.analytics.domain.message.DecodedBody;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.InboundMessage.DataCollectedEvent;
import smap.analytics.domain.message.InboundMessage.LegacyInline;
import smap.analytics.domain.message.InboundMessage.LegacyReference;
import smap.analytics.domain.message.MessageClassifier;
import smap.analytics.domain.message.MessageFormat;

/**
 * How a delivery is read: its classification, the formats the flags let in (and what happens to a
 * message of a format that is off), its object path.
 */
final class Deliveries {

  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  /**
   * How long the consumer holds off after putting back a message whose format flag is off. The
   * consumer of that format's queue is cancelled by the flag anyway; this only covers a delivery
   * taken just before, or a message of the other format on a queue that is still consumed.
   */
  static final Duration FORMAT_OFF_PAUSE = Duration.ofSeconds(5);

  private Deliveries() {}

  /**
   * A format flag turned off is the rollback lever: the message is not recorded, not rejected and
   * no result is published; it goes back to its queue until the flag is on again (a revert used to
   * ack every event as REJECTED and publish an all-failed result).
   */
  static DeliveryOutcome leftInQueue(MessageFormat format) {
    String flag =
        format == MessageFormat.BATCH_EVENT
            ? FeatureFlag.BATCH_FORMAT.key()
            : FeatureFlag.LEGACY_FORMAT.key();
    String reason = "the " + flag + " flag is off: the message stays in its queue";
    LOG.info("{} format: {}", format.name().toLowerCase(), reason);
    return new PutBack(FORMAT_OFF_PAUSE, reason);
  }

  /**
   * Classifies a delivery. Every format is recognised whatever its flag: a message of a format that
   * is off is put back in its queue by the service, never rejected (see {@link #enabledFormats}).
   *
   * @param crawlResultsBucket the only bucket objects are read from ({@code MINIO_BUCKET}), or null
   *     for any
   */
  static Classification classify(ProcessDeliveryCommand command, String crawlResultsBucket) {
    return switch (command.decoded()) {
      case DecodedBody.Undecodable undecodable ->
          new Rejected(
              EventContext.of(EventId.derive(command.body())), "body: " + undecodable.reason());
      case DecodedBody.Json json ->
          inBucket(
              MessageClassifier.classify(
                  json.tree(), command.body(), EnumSet.allOf(MessageFormat.class)),
              crawlResultsBucket);
    };
  }

  /**
   * Rejects an accepted message whose object lies outside the crawl-results bucket: the credentials
   * may reach other buckets, which are not crawl results.
   */
  private static Classification inBucket(Classification classification, String bucket) {
    if (bucket == null || !(classification instanceof Accepted accepted)) {
      return classification;
    }
    return switch (accepted.message()) {
      case DataCollectedEvent event when !event.location().bucket().equals(bucket) ->
          new Rejected(
              event.context(), outsideBucket("payload.minio_path", event.location(), bucket));
      case LegacyReference reference when !reference.location().bucket().equals(bucket) ->
          new Rejected(
              reference.context(), outsideBucket("data_ref.bucket", reference.location(), bucket));
      default -> classification;
    };
  }

  private static String outsideBucket(String field, ObjectLocation location, String bucket) {
    return field
        + ": bucket '"
        + location.bucket()
        + "' is not the crawl-results bucket '"
        + bucket
        + "' (MINIO_BUCKET); objects elsewhere are not read";
  }

  static Set<MessageFormat> enabledFormats(FlagSnapshot snapshot) {
    Set<MessageFormat> enabled = EnumSet.noneOf(MessageFormat.class);
    if (snapshot.enabled(FeatureFlag.BATCH_FORMAT)) {
      enabled.add(MessageFormat.BATCH_EVENT);
    }
    if (snapshot.enabled(FeatureFlag.LEGACY_FORMAT)) {
      enabled.add(MessageFormat.LEGACY_REFERENCE);
      enabled.add(MessageFormat.LEGACY_INLINE);
    }
    return enabled;
  }

  static String objectPath(Classification classification) {
    if (classification instanceof Accepted accepted) {
      return switch (accepted.message()) {
        case DataCollectedEvent event -> event.location().bucket() + "/" + event.location().key();
        case LegacyReference reference ->
            reference.location().bucket() + "/" + reference.location().key();
        case LegacyInline inline -> null;
      };
    }
    return null;
  }
}
