package smap.analytics.domain.console;

import java.time.Instant;

/** One stored error row. */
public record ErrorRow(
    String eventId,
    String contentId,
    String platform,
    String code,
    String category,
    boolean transientError,
    String source,
    String message,
    String permalink,
    Instant createdAt) {}
