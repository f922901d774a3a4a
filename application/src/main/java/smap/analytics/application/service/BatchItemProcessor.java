package smap.analytics.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.domain.analysis.AnalysisFailure;
import smap.analytics.domain.analysis.AnalysisInput;
import smap.analytics.domain.analysis.AnalysisOutcome;
import smap.analytics.domain.analysis.AnalysisStages;
import smap.analytics.domain.analysis.CommentText;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.analysis.PostAnalysis;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.error.ErrorCode;
import smap.analytics.domain.error.ErrorSource;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.item.CrawlItem;
import smap.analytics.domain.item.CrawlItem.Comment;
import smap.analytics.domain.item.CrawlItem.ErrorItem;
import smap.analytics.domain.item.CrawlItem.PostItem;
import smap.analytics.domain.item.CrawlItem.UnreadableItem;
import smap.analytics.domain.item.CrawlItemReader;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;
import smap.analytics.domain.post.PostRules;
import smap.analytics.domain.project.ProjectResolution;

/**
 * Turns the entries of one batch file into post records, comments and error rows, item by item in
 * file order; one item's failure never stops the others (facts 6).
 */
final class BatchItemProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(BatchItemProcessor.class);

  private final PostAnalyser analyser;
  private final PipelineSettings settings;
  private final Clock clock;

  BatchItemProcessor(PostAnalyser analyser, PipelineSettings settings, Clock clock) {
    this.analyser = analyser;
    this.settings = settings;
    this.clock = clock;
  }

  ProcessedBatch process(
      List<Object> entries,
      EventContext context,
      ProjectResolution project,
      Platform platform,
      FlagSnapshot flags) {
    return process(entries, context, project, platform, flags, java.util.Set.of());
  }

  /**
   * As above; posts whose id is in {@code alreadyStored} count as analysed without being analysed
   * or written again (a replay of only the items that failed).
   */
  ProcessedBatch process(
      List<Object> entries,
      EventContext context,
      ProjectResolution project,
      Platform platform,
      FlagSnapshot flags,
      java.util.Set<String> alreadyStored) {
    String projectId = project.projectId();
    String platformKey = platform.name();
    AnalysisStages stages =
        new AnalysisStages(
            flags.enabled(FeatureFlag.STAGE_KEYWORDS, platformKey, projectId),
            flags.enabled(FeatureFlag.STAGE_SENTIMENT, platformKey, projectId),
            flags.enabled(FeatureFlag.STAGE_ASPECT_SENTIMENT, platformKey, projectId),
            flags.enabled(FeatureFlag.STAGE_IMPACT, platformKey, projectId));
    boolean storeCrawlerErrors =
        flags.enabled(FeatureFlag.STORE_CRAWLER_ERRORS, platformKey, projectId);
    Map<String, PostRecord> posts = new LinkedHashMap<>();
    Map<String, CommentRecord> comments = new LinkedHashMap<>();
    List<CrawlError> stored = new ArrayList<>();
    List<CrawlError> all = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int succeeded = 0;
    int crawlerErrors = 0;
    int analysisErrors = 0;
    for (int index = 0; index < entries.size(); index++) {
      CrawlItem item;
      try {
        item = CrawlItemReader.read(entries.get(index), index);
      } catch (RuntimeException e) {
        item =
            new UnreadableItem(
                index, CrawlItemReader.positionalId(index), null, "item " + index + ": " + e);
      }
      switch (item) {
        case PostItem post when alreadyStored.contains(post.id()) -> succeeded++;
        case PostItem post -> {
          try {
            PostOutcome outcome = analyse(post, context, projectId, platform, stages);
            if (outcome.error() != null) {
              analysisErrors++;
              stored.add(outcome.error());
              all.add(outcome.error());
            } else {
              succeeded++;
              if (posts.put(post.id(), outcome.record()) != null) {
                warnings.add(
                    "item "
                        + index
                        + ": post id "
                        + post.id()
                        + " appears twice; the later one is kept");
              }
              for (Comment comment : post.comments()) {
                comments.putIfAbsent(
                    post.id() + "\u0000" + comment.id(),
                    new CommentRecord(
                        post.id(),
                        comment.id(),
                        comment.text(),
                        comment.authorName(),
                        comment.likes(),
                        comment.commentedAt()));
              }
              for (String warning : post.warnings()) {
                warnings.add("item " + index + ": " + warning);
              }
            }
          } catch (RuntimeException e) {
            LOG.warn("item {} ({}) failed analysis", index, post.id(), e);
            CrawlError error =
                internalError(
                    post.id(), itemPlatform(post.platform(), platform), e.toString(), null);
            analysisErrors++;
            stored.add(error);
            all.add(error);
          }
        }
        case ErrorItem error -> {
          crawlerErrors++;
          ErrorCode code = ErrorCode.of(error.errorCode());
          CrawlError row =
              new CrawlError(
                  error.contentId(),
                  itemPlatform(error.platform(), platform).name(),
                  code,
                  settings.errorCodes().isTransient(code),
                  ErrorSource.CRAWLER,
                  error.message(),
                  error.details(),
                  error.permalink());
          all.add(row);
          if (storeCrawlerErrors) {
            stored.add(row);
          }
        }
        case UnreadableItem unreadable -> {
          analysisErrors++;
          CrawlError row =
              internalError(
                  unreadable.contentId(),
                  itemPlatform(unreadable.platform(), platform),
                  unreadable.reason(),
                  null);
          stored.add(row);
          all.add(row);
          warnings.add(unreadable.reason());
        }
      }
    }
    int expected = settings.batchSizes().expectedFor(platform);
    BatchCounts counts =
        new BatchCounts(entries.size(), succeeded, crawlerErrors, analysisErrors, expected);
    return new ProcessedBatch(
        List.copyOf(posts.values()), List.copyOf(comments.values()), stored, all, counts, warnings);
  }

  private record PostOutcome(PostRecord record, CrawlError error) {}

  private PostOutcome analyse(
      PostItem post,
      EventContext context,
      String projectId,
      Platform platform,
      AnalysisStages stages) {
    long start = System.nanoTime();
    Platform postPlatform = itemPlatform(post.platform(), platform);
    List<CommentText> commentTexts = new ArrayList<>(post.comments().size());
    for (Comment comment : post.comments()) {
      commentTexts.add(new CommentText(comment.text(), comment.likes()));
    }
    CrawlItem.Interaction interaction = post.interaction();
    CrawlItem.Author author = post.author();
    AnalysisInput input =
        new AnalysisInput(
            postPlatform,
            post.caption(),
            post.transcription(),
            commentTexts,
            interaction.views(),
            interaction.likes(),
            interaction.commentsCount(),
            interaction.shares(),
            interaction.saves(),
            author.followers(),
            author.verified());
    AnalysisOutcome outcome = analyser.analyse(input, stages);
    if (outcome instanceof AnalysisFailure failure) {
      return new PostOutcome(
          null, internalError(post.id(), postPlatform, failure.reason(), post.permalink()));
    }
    PostAnalysis analysis = (PostAnalysis) outcome;
    Instant now = clock.instant();
    int millis = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    Instant publishedAt = PostRules.publishedAt(post.publishedAt(), context.timestamp(), now);
    PostRecord record =
        new PostRecord(
            post.id(),
            projectId,
            postPlatform,
            publishedAt,
            now,
            new PostRecord.Sentiment(
                analysis.overallSentiment(),
                analysis.overallSentimentScore(),
                analysis.sentimentConfidence()),
            analysis.primaryIntent(),
            analysis.intentConfidence(),
            new PostRecord.Impact(
                analysis.impactScore(), analysis.riskLevel(), analysis.viral(), analysis.kol()),
            analysis.aspectsBreakdown(),
            analysis.keywords(),
            analysis.sentimentProbabilities(),
            analysis.impactBreakdown(),
            new PostRecord.Metrics(
                interaction.views(),
                interaction.likes(),
                interaction.commentsCount(),
                interaction.shares(),
                interaction.saves(),
                author.followers()),
            millis,
            analysis.modelVersion(),
            new PostRecord.CrawlMetadata(
                context.eventId().value(),
                context.jobId(),
                context.batchIndex(),
                context.taskType(),
                context.keyword(),
                context.timestamp(),
                PostRules.pipelineVersion(settings.pipelineVersionPrefix(), postPlatform),
                context.brandName(),
                context.keyword()),
            new PostRecord.Content(
                post.caption(),
                post.transcription(),
                post.durationSeconds(),
                post.hashtags(),
                post.permalink()),
            new PostRecord.AuthorInfo(
                author.id(),
                author.name(),
                author.username(),
                author.avatarUrl(),
                author.verified()));
    return new PostOutcome(record, null);
  }

  private static CrawlError internalError(
      String contentId, Platform platform, String message, String permalink) {
    return new CrawlError(
        contentId,
        platform.name(),
        ErrorCode.INTERNAL_ERROR,
        false,
        ErrorSource.ANALYTICS,
        message,
        Map.of(),
        permalink);
  }

  private static Platform itemPlatform(String itemPlatform, Platform batchPlatform) {
    return PostRules.itemPlatform(itemPlatform, batchPlatform);
  }
}
