package smap.analytics.domain.analysis;

/** What the analyser returns for a post: an analysis, or why it could not make one. */
public sealed interface AnalysisOutcome permits PostAnalysis, AnalysisFailure {}
