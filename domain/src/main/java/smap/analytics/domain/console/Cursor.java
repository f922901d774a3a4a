package smap.analytics.domain.console;

import java.time.Instant;

/** Keyset position: (received_at, event_id) of the last row of the previous page. */
public record Cursor(Instant receivedAt, String eventId) {}
