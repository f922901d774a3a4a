package smap.analytics.application.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import smap.analytics.application.fake.InMemoryAuditLog;
import smap.analytics.application.fake.ManualClock;
import smap.analytics.application.fake.console.InMemoryReplayJobs;
import smap.analytics.application.port.in.console.ReplayBatchUseCase;
import smap.analytics.application.port.in.console.ReplayBatchUseCase.ReplayOutcome;
import smap.analytics.application.port.in.console.ReplayBatchesUseCase.PreviewCommand;
import smap.analytics.application.port.out.console.ReplayJobPort.ItemResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.replay.ReplayJobState;

class ReplayBatchesServiceTest {

  private final ManualClock clock = new ManualClock();
  private final InMemoryReplayJobs jobs = new InMemoryReplayJobs();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final List<String> replayed = new ArrayList<>();

  /** Replays succeed except for "bad", which is not replayable. */
  private final ReplayBatchUseCase replay =
      command -> {
        replayed.add(command.eventId().value());
        return command.eventId().value().equals("bad")
            ? new ReplayOutcome.NotReplayable(BatchStatus.PROCESSING, "busy")
            : new ReplayOutcome.Replayed(BatchStatus.SUCCEEDED, "done");
      };

  private final ReplayBatchesService service = new ReplayBatchesService(jobs, replay, audit, clock);

  private PreviewCommand preview(String key, int rate) {
    return new PreviewCommand(
        BatchFilter.ANY, "status=*", "ana", "lexicon update", false, rate, key);
  }

  @Test
  void thePreviewFreezesTheSetAndTheJobReplaysExactlyIt() {
    jobs.matching(List.of("a", "b", "bad"));
    var preview = service.preview(preview("k1", 50));
    assertThat(preview.job().total()).isEqualTo(3);
    assertThat(preview.sample()).containsExactly("a", "b", "bad");
    jobs.matching(List.of("a", "b", "bad", "later"));

    assertThat(service.runDue()).as("a draft does not run").isZero();
    service.start(preview.job().id(), "ana");
    for (int i = 0; i < 10; i++) {
      service.runDue();
      clock.millis += 100;
    }

    assertThat(replayed).containsExactly("a", "b", "bad");
    var job = service.job(preview.job().id()).orElseThrow();
    assertThat(job.status()).isEqualTo(ReplayJobState.DONE);
    assertThat(job.done()).isEqualTo(2);
    assertThat(job.skipped()).isEqualTo(1);
    assertThat(audit.list("ana", "replay-job-start", 10)).hasSize(1);
  }

  @Test
  void theSameKeyGivesTheSameJob() {
    jobs.matching(List.of("a"));
    long first = service.preview(preview("k2", 5)).job().id();
    assertThat(service.preview(preview("k2", 5)).job().id()).isEqualTo(first);
  }

  @Test
  void theRateCapsHowManyBatchesRunPerSecond() {
    jobs.matching(List.of("a", "b", "c", "d"));
    long id = service.preview(preview("k3", 2)).job().id();
    service.start(id, "ana");
    for (int i = 0; i < 20; i++) {
      service.runDue();
      clock.millis += 50;
    }
    assertThat(replayed).as("2 per second over one second").hasSize(2);
  }

  @Test
  void pausedAndCancelledJobsDoNotRunAndCannotGoBack() {
    jobs.matching(List.of("a", "b"));
    long id = service.preview(preview("k4", 50)).job().id();
    service.start(id, "ana");
    service.pause(id, "ana");
    service.runDue();
    assertThat(replayed).isEmpty();
    service.resume(id, "ana");
    service.runDue();
    assertThat(replayed).containsExactly("a");
    service.cancel(id, "ana");
    clock.millis += 1000;
    service.runDue();
    assertThat(replayed).containsExactly("a");
    assertThat(service.start(id, "ana").orElseThrow().status()).isEqualTo(ReplayJobState.CANCELLED);
  }

  @Test
  void anItemTakenByARunnerThatDiedIsTakenAgainAfterTheLeaseAndTheJobWaitsForIt() {
    jobs.matching(List.of("a", "b"));
    long id = service.preview(preview("k5", 50)).job().id();
    service.start(id, "ana");
    // Another instance takes "a" and dies before finishing it.
    assertThat(
            jobs.claimNext(
                id, clock.instant(), clock.instant().minus(ReplayBatchesService.ITEM_LEASE)))
        .contains("a");

    for (int i = 0; i < 10; i++) {
      service.runDue();
      clock.millis += 1000;
    }
    assertThat(replayed).containsExactly("b");
    var waiting = service.job(id).orElseThrow();
    assertThat(waiting.status())
        .as("not done while an item is unfinished")
        .isEqualTo(ReplayJobState.RUNNING);
    assertThat(waiting.remaining()).isEqualTo(1);

    clock.millis += ReplayBatchesService.ITEM_LEASE.toMillis();
    service.runDue();
    clock.millis += 1000;
    service.runDue();

    assertThat(replayed).containsExactly("b", "a");
    var done = service.job(id).orElseThrow();
    assertThat(done.status()).isEqualTo(ReplayJobState.DONE);
    assertThat(done.done()).isEqualTo(2);
    assertThat(done.remaining()).isZero();
  }

  @Test
  void aRunnerThoughtDeadThatFinishesAfterAllIsNotCountedTwice() {
    jobs.matching(List.of("a"));
    long id = service.preview(preview("k6", 50)).job().id();
    service.start(id, "ana");
    java.time.Instant stale = clock.instant().minus(ReplayBatchesService.ITEM_LEASE);
    assertThat(jobs.claimNext(id, clock.instant(), stale)).contains("a");
    clock.millis += ReplayBatchesService.ITEM_LEASE.toMillis() + 1;
    service.runDue(); // takes "a" again and finishes it
    jobs.finishItem(id, "a", ItemResult.DONE, "late", clock.instant()); // the slow runner, at last

    var job = service.job(id).orElseThrow();
    assertThat(job.done()).isEqualTo(1);
    assertThat(job.remaining()).isZero();
  }
}
