package smap.analytics.domain.console;

/** One analysed post of a batch. */
public record PostRow(
    String id, String sentiment, String intent, double impact, String risk, String permalink) {}
