package smap.analytics.domain.console;

import java.time.Instant;

/** One result of a batch in the outbox. */
public record OutboxRow(
    String messageId,
    String status,
    int attempts,
    String result,
    Instant createdAt,
    Instant publishedAt,
    String lastError) {}
