package smap.analytics.domain.console;

/** Batches and items per platform and status in a window. */
public record Throughput(
    String platform, String status, long batches, long items, long succeeded, long errors) {}
