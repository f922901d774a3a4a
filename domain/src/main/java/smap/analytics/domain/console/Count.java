package smap.analytics.domain.console;

/** A labelled count. */
public record Count(String label, long count) {}
