package smap.analytics.domain.error;

import java.util.Map;
import java.util.Objects;

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
  public static final int MAX_MESSAGE_LENGTH = 4000;

  public CrawlError {
    Objects.requireNonNull(contentId, "contentId");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(source, "source");
    message = message == null ? "" : truncate(message);
    details = details == null ? Map.of() : details;
  }

  public ErrorCategory category() {
    return code.category();
  }

  private static String truncate(String message) {
    if (message.length() <= MAX_MESSAGE_LENGTH) {
      return message;
    }
    return message.substring(0, MAX_MESSAGE_LENGTH) + "… [" + message.length() + " chars]";
  }
}
