package smap.analytics.domain.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchSizePolicy;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.error.ErrorCode;
import smap.analytics.domain.error.ErrorCodePolicy;
import smap.analytics.domain.item.CrawlItem.ErrorItem;
import smap.analytics.domain.item.CrawlItem.PostItem;
import smap.analytics.domain.message.BatchPlatform;
import smap.analytics.domain.message.Classification.Accepted;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.JsonFixtures;
import smap.analytics.domain.message.MessageClassifier;
import smap.analytics.domain.message.MessageFormat;
import smap.analytics.domain.project.ProjectIdRules;
import smap.analytics.domain.project.ProjectResolution;

/** The domain rules applied together to the crawler guide's mock event and its two-item batch. */
class BatchSamplesTest {
  private static final String EVENT = "data_collected_event_mock_crawler_guide_2025-12-06.json";
  private static final String BATCH = "batch_file_mock_2items_crawler_guide_2025-12-06.json";

  private static EventContext context(Object event) {
    return ((Accepted)
            MessageClassifier.classify(
                event,
                JsonFixtures.sampleBytes(EVENT),
                java.util.EnumSet.allOf(MessageFormat.class)))
        .context();
  }

  @Test
  void theMockBatchIsOneSuccessAndOneErrorOfTheMockProject() {
    EventContext context = context(JsonFixtures.sample(EVENT));
    List<?> entries = (List<?>) JsonFixtures.sample(BATCH);

    List<CrawlItem> items =
        java.util.stream.IntStream.range(0, entries.size())
            .mapToObj(i -> CrawlItemReader.read(entries.get(i), i))
            .toList();
    ProjectResolution project = ProjectIdRules.resolve(context.projectId(), context.jobId());
    Platform platform = BatchPlatform.of(context, entries);
    int success = (int) items.stream().filter(PostItem.class::isInstance).count();
    int errors = items.size() - success;
    AnalyzeResult result =
        new AnalyzeResult(project.projectId(), context.jobId(), items.size(), success, errors);

    assertThat(project.projectId()).isEqualTo("proj_test_xyz");
    assertThat(project.conflict()).isFalse();
    assertThat(platform).isEqualTo(Platform.TIKTOK);
    // facts 6/13.23: a short batch is a mismatch (warning), compared with 50, not content_count
    assertThat(BatchSizePolicy.defaults().mismatch(platform, items.size())).isTrue();
    ErrorItem error = (ErrorItem) items.get(1);
    assertThat(ErrorCode.of(error.errorCode()).category().label()).isEqualTo("content");
    assertThat(ErrorCodePolicy.defaults().isTransient(ErrorCode.of(error.errorCode()))).isFalse();
    assertThat(result)
        .isEqualTo(new AnalyzeResult("proj_test_xyz", "proj_test_xyz-brand-0", 2, 1, 1));
  }

  @Test
  @SuppressWarnings("unchecked")
  void withoutAPayloadPlatformTheItemsPlatformIsUsed() {
    // facts 13.5: the original crashed after the download; CONTRACT 2 falls back to meta.platform
    Map<String, Object> event = (Map<String, Object>) JsonFixtures.sample(EVENT);
    Map<String, Object> payload = new LinkedHashMap<>((Map<String, Object>) event.get("payload"));
    payload.remove("platform");
    event.put("payload", payload);

    EventContext context = context(event);

    assertThat(context.platform()).isNull();
    assertThat(BatchPlatform.of(context, (List<?>) JsonFixtures.sample(BATCH)))
        .isEqualTo(Platform.TIKTOK);
  }
}
