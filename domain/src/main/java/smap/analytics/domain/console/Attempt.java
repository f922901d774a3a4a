package smap.analytics.domain.console;

import java.time.Instant;

/** One processing attempt. */
public record Attempt(
    int attempt,
    String kind,
    String requestedBy,
    Instant startedAt,
    Instant finishedAt,
    String status,
    String error) {}
