package smap.analytics.domain.console;

import java.time.Instant;

/** An error group with its count and first/last seen in the window (and before it). */
public record ErrorGroup(
    String code,
    String category,
    boolean transientError,
    String platform,
    String source,
    long count,
    Instant firstSeen,
    Instant lastSeen,
    boolean newInWindow) {}
