package smap.analytics.domain.console;

import java.time.Instant;

/** One line of the batch list. */
public record BatchRow(
    String eventId,
    String status,
    String platform,
    String projectId,
    String jobId,
    Integer batchIndex,
    int items,
    int succeeded,
    int crawlerErrors,
    int analysisErrors,
    int expected,
    int attempts,
    int replays,
    String lastError,
    Instant receivedAt,
    Instant finishedAt,
    long processingMillis) {}
