package smap.analytics.domain.flag;

import java.time.Instant;

/** One live instance's view of the flags. */
public record InstanceState(
    String instanceId, long appliedVersion, Instant appliedAt, Instant seenAt) {}
