package smap.analytics.domain.console;

import java.time.Instant;

/**
 * A Collector result the broker returned as unroutable (no queue bound for its routing key), as the
 * console lists it for a resend.
 *
 * @param id the outbox row
 * @param returns how often the broker returned it
 * @param lastReturnedAt when it was last returned
 * @param nextAttemptAt when the relay tries it again by itself
 */
public record UnroutableResult(
    long id,
    String eventId,
    String messageId,
    String projectId,
    String jobId,
    int returns,
    Instant createdAt,
    Instant lastReturnedAt,
    Instant nextAttemptAt) {}
