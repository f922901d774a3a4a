package smap.analytics.domain.console;

import java.time.Instant;

/** Error rows of one category in the bucket starting at {@code bucket}. */
public record SeriesPoint(Instant bucket, String category, long count) {}
