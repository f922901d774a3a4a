package smap.analytics.domain.analysis;

import java.util.List;
import java.util.Map;

/**
 * Outcome: the analysis of one post, shaped as the {@code post_analytics} columns store it. A
 * skipped post (spam, seeding, too short) carries the neutral values of facts 11.2.
 */
public record PostAnalysis(
    String overallSentiment,
    double overallSentimentScore,
    double sentimentConfidence,
    String primaryIntent,
    double intentConfidence,
    double impactScore,
    String riskLevel,
    boolean viral,
    boolean kol,
    Map<String, Object> aspectsBreakdown,
    List<Map<String, Object>> keywords,
    Map<String, Object> sentimentProbabilities,
    Map<String, Object> impactBreakdown,
    boolean skipped,
    String skipReason,
    String modelVersion)
    implements AnalysisOutcome {}
