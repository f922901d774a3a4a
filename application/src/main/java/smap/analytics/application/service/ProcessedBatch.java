package smap.analytics.application.service;

import java.util.List;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;

/**
 * What the items of one batch produced.
 *
 * @param errors the error rows to store (crawler errors only while that flag is on)
 * @param allErrors every error of the batch, stored or not, for the metrics
 */
record ProcessedBatch(
    List<PostRecord> posts,
    List<CommentRecord> comments,
    List<CrawlError> errors,
    List<CrawlError> allErrors,
    BatchCounts counts,
    List<String> warnings) {}
