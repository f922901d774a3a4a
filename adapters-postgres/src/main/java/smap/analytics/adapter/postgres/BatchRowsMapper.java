package smap.analytics.adapter.postgres;

import static smap.analytics.adapter.postgres.LedgerEntryMapper.jsonb;

import java.time.Instant;
import java.util.Locale;
import smap.analytics.adapter.postgres.schema.tables.records.CrawlErrorsRecord;
import smap.analytics.adapter.postgres.schema.tables.records.PostAnalyticsRecord;
import smap.analytics.adapter.postgres.schema.tables.records.PostCommentsRecord;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;

/**
 * Maps what a batch writes (posts, comments, error rows) to typed rows. Every setter is called for
 * every row, so each row of a multi-row insert names the same columns.
 */
final class BatchRowsMapper {

  private BatchRowsMapper() {}

  /** What every error row of one batch shares. */
  record ErrorRowContext(
      String eventId, String projectId, String jobId, Integer batchIndex, Instant at) {}

  static PostAnalyticsRecord post(PostRecord p) {
    PostRecord.CrawlMetadata m = p.crawl();
    PostRecord.Content content = p.content();
    PostRecord.AuthorInfo a = p.author();
    PostAnalyticsRecord r = new PostAnalyticsRecord();
    r.setId(p.id());
    r.setPlatform(p.platform().name());
    r.setPublishedAt(p.publishedAt());
    r.setAnalyzedAt(p.analyzedAt());
    r.setOverallSentiment(p.sentiment().label());
    r.setOverallSentimentScore(p.sentiment().score());
    r.setOverallConfidence(p.sentiment().confidence());
    r.setPrimaryIntent(p.primaryIntent());
    r.setIntentConfidence(p.intentConfidence());
    r.setImpactScore(p.impact().score());
    r.setRiskLevel(p.impact().riskLevel());
    r.setIsViral(p.impact().viral());
    r.setIsKol(p.impact().kol());
    r.setAspectsBreakdown(jsonb(p.aspectsBreakdown()));
    r.setKeywords(jsonb(p.keywords()));
    r.setSentimentProbabilities(jsonb(p.sentimentProbabilities()));
    r.setImpactBreakdown(jsonb(p.impactBreakdown()));
    r.setViewCount(p.metrics().views());
    r.setLikeCount(p.metrics().likes());
    r.setCommentCount(p.metrics().comments());
    r.setShareCount(p.metrics().shares());
    r.setSaveCount(p.metrics().saves());
    r.setFollowerCount(p.metrics().followers());
    r.setProcessingTimeMs(p.processingTimeMs());
    r.setModelVersion(p.modelVersion());
    r.setAuthorIsVerified(a.verified());
    r.setProjectId(p.projectId());
    r.setEventId(m.eventId());
    r.setJobId(m.jobId());
    r.setBatchIndex(m.batchIndex());
    r.setTaskType(m.taskType());
    r.setKeywordSource(m.keywordSource());
    r.setCrawledAt(m.crawledAt());
    r.setPipelineVersion(m.pipelineVersion());
    r.setBrandName(m.brandName());
    r.setKeyword(m.keyword());
    r.setContentText(content.text());
    r.setContentTranscription(content.transcription());
    r.setMediaDuration(content.durationSeconds());
    r.setHashtags(jsonb(content.hashtags()));
    r.setPermalink(content.permalink());
    r.setAuthorId(a.id());
    r.setAuthorName(a.name());
    r.setAuthorUsername(a.username());
    r.setAuthorAvatarUrl(a.avatarUrl());
    return r;
  }

  static PostCommentsRecord comment(CommentRecord c) {
    PostCommentsRecord r = new PostCommentsRecord();
    r.setPostId(c.postId());
    r.setCommentId(c.commentId());
    r.setText(c.text());
    r.setAuthorName(c.authorName());
    r.setLikes(c.likes());
    r.setCommentedAt(c.commentedAt());
    return r;
  }

  static CrawlErrorsRecord error(CrawlError e, ErrorRowContext batch) {
    CrawlErrorsRecord r = new CrawlErrorsRecord();
    r.setContentId(e.contentId());
    r.setProjectId(batch.projectId());
    r.setJobId(batch.jobId());
    r.setPlatform(e.platform());
    r.setErrorCode(e.code().value());
    r.setErrorCategory(e.category().label());
    r.setErrorMessage(e.message());
    r.setErrorDetails(jsonb(e.details()));
    r.setPermalink(e.permalink());
    r.setCreatedAt(batch.at());
    r.setEventId(batch.eventId());
    r.setBatchIndex(batch.batchIndex());
    r.setSource(e.source().name().toLowerCase(Locale.ROOT));
    r.setTransient(e.transientError());
    return r;
  }
}
