package smap.analytics.domain.error;

import java.util.Map;
import java.util.Objects;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/**
 * One failed item, as stored in {@code crawl_errors}: a crawler error item, or an item our own
 * analysis could not process.
 *
 * @param contentId the item's id ({@code meta.id}), or a positional id when it had none
 * @param platform the platform as the item or event named it, upper-cased
 * @param details the crawler's {@code error_details} object (JDK JSON tree), never null
 */
public record CrawlError(
    String contentId,
    String platform,
    ErrorCode code,
    boolean transientError,
    ErrorSource source,
    String message,
    Map<String, Object> details,
    String permalink) {

  /** Upper bound of a stored message; longer ones are cut with a marker. */
  public static final int MAX_MESSAGE_LENGTH = ColumnLimits.ERROR_MESSAGE.limit();

  public CrawlError {
    Objects.requireNonNull(contentId, "contentId");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(source, "source");
    contentId = Storable.text(contentId, ColumnLimits.POST_ID);
    platform = Storable.text(platform, ColumnLimits.PLATFORM);
    message = message == null ? "" : Storable.reason(message, ColumnLimits.ERROR_MESSAGE);
    details = details == null ? Map.of() : Storable.jsonObject(details);
    permalink = Storable.text(permalink, ColumnLimits.URL);
  }

  public ErrorCategory category() {
    return code.category();
  }
}
