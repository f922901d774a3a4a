package smap.analytics.domain.analysis;

import java.util.Objects;

/** Outcome: the post could not be analysed; it becomes an INTERNAL_ERROR row. */
public record AnalysisFailure(String reason) implements AnalysisOutcome {
  public AnalysisFailure {
    Objects.requireNonNull(reason, "reason");
  }
}
