package smap.analytics.application.port.out.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.console.ReplayJobPort.ItemResult;
import smap.analytics.application.port.out.console.ReplayJobPort.NewJob;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.replay.ReplayJob;
import smap.analytics.domain.replay.ReplayJobState;

/**
 * Contract of {@link ReplayJobPort}: the in-memory fake and the PostgreSQL adapter both pass it.
 * Frozen sets, idempotent drafts, claims only while running, leases of dead runners, counting once,
 * and concurrent runners that never take the same item.
 */
public abstract class ReplayJobPortContractTest {

  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  /** The port under test (one instance for the test class or per test, either works). */
  protected abstract ReplayJobPort jobs();

  /**
   * Makes finished, replayable batches with these event ids, newest first, and returns a filter
   * that matches exactly them.
   */
  protected abstract BatchFilter givenFinishedBatches(List<String> eventIdsNewestFirst);

  private static List<String> ids(String prefix, int n) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    return IntStream.range(0, n).mapToObj(i -> prefix + "-" + run + "-" + i).toList();
  }

  private ReplayJob draft(String key, BatchFilter filter, int max) {
    return jobs()
        .createDraft(
            new NewJob(key + UUID.randomUUID(), "ana", T0, "retry", "f", false, 10), filter, max);
  }

  private Optional<String> claim(long id, Instant now) {
    return jobs().claimNext(id, now, now.minus(LEASE));
  }

  @Test
  void aDraftFreezesTheNewestBatchesUpToTheCapAndAKeyUsedAgainGivesTheSameJob() {
    List<String> batches = ids("freeze", 5);
    BatchFilter filter = givenFinishedBatches(batches);
    NewJob job = new NewJob("key-" + UUID.randomUUID(), "ana", T0, "retry", "f", true, 7);

    ReplayJob draft = jobs().createDraft(job, filter, 3);

    assertThat(draft.status()).isEqualTo(ReplayJobState.DRAFT);
    assertThat(draft.total()).isEqualTo(3);
    assertThat(draft.remaining()).isEqualTo(3);
    assertThat(draft.republish()).isTrue();
    assertThat(draft.ratePerSecond()).isEqualTo(7);
    assertThat(jobs().sample(draft.id(), 10)).containsExactlyElementsOf(batches.subList(0, 3));
    assertThat(jobs().sample(draft.id(), 2)).containsExactlyElementsOf(batches.subList(0, 2));
    assertThat(jobs().createDraft(job, filter, 5).id())
        .as("the same form key")
        .isEqualTo(draft.id());
    assertThat(jobs().find(draft.id())).contains(draft);
    assertThat(jobs().list(50)).extracting(ReplayJob::id).contains(draft.id());
  }

  @Test
  void onlyARunningJobGivesItemsInOrderAndTheStateIsKept() {
    List<String> batches = ids("order", 3);
    long id = draft("order", givenFinishedBatches(batches), 10).id();
    assertThat(claim(id, T0)).as("a draft").isEmpty();

    assertThat(jobs().setStatus(id, ReplayJobState.RUNNING, T0.plusSeconds(1))).isTrue();
    assertThat(jobs().find(id).orElseThrow().status()).isEqualTo(ReplayJobState.RUNNING);
    assertThat(claim(id, T0)).contains(batches.get(0));

    jobs().setStatus(id, ReplayJobState.PAUSED, T0.plusSeconds(2));
    assertThat(claim(id, T0)).as("paused").isEmpty();
    jobs().setStatus(id, ReplayJobState.RUNNING, T0.plusSeconds(3));
    assertThat(claim(id, T0)).contains(batches.get(1));
    assertThat(claim(id, T0)).contains(batches.get(2));
    assertThat(claim(id, T0)).isEmpty();
    assertThat(jobs().unfinished(id)).isEqualTo(3);
    assertThat(jobs().find(id).orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(jobs().setStatus(Long.MAX_VALUE, ReplayJobState.RUNNING, T0)).isFalse();
  }

  @Test
  void eachResultIsCountedOnceAndAnItemNotTakenIsNotCounted() {
    List<String> batches = ids("count", 4);
    long id = draft("count", givenFinishedBatches(batches), 10).id();
    jobs().setStatus(id, ReplayJobState.RUNNING, T0);
    jobs().finishItem(id, batches.get(3), ItemResult.DONE, "never taken", T0);
    assertThat(jobs().find(id).orElseThrow().done()).as("not taken, not counted").isZero();

    String a = claim(id, T0).orElseThrow();
    String b = claim(id, T0).orElseThrow();
    String c = claim(id, T0).orElseThrow();
    jobs().finishItem(id, a, ItemResult.DONE, null, T0.plusSeconds(1));
    jobs().finishItem(id, b, ItemResult.FAILED, "boom", T0.plusSeconds(2));
    jobs().finishItem(id, c, ItemResult.SKIPPED, "not replayable", T0.plusSeconds(3));
    jobs().finishItem(id, c, ItemResult.DONE, "again", T0.plusSeconds(4));

    ReplayJob job = jobs().find(id).orElseThrow();
    assertThat(List.of(job.done(), job.failed(), job.skipped())).containsExactly(1, 1, 1);
    assertThat(job.remaining()).isEqualTo(1);
    assertThat(jobs().unfinished(id)).isEqualTo(1);
  }

  @Test
  void anItemWhoseRunnerDiedIsTakenAgainAfterTheLeaseAndCountedOnce() {
    List<String> batches = ids("lease", 3);
    long id = draft("lease", givenFinishedBatches(batches), 3).id();
    jobs().setStatus(id, ReplayJobState.RUNNING, T0);

    String died = claim(id, T0).orElseThrow();
    String second = claim(id, T0.plusSeconds(1)).orElseThrow();
    String third = claim(id, T0.plusSeconds(2)).orElseThrow();
    assertThat(List.of(died, second, third)).containsExactlyElementsOf(batches);
    assertThat(claim(id, T0.plusSeconds(3)))
        .as("the dead runner's item, within its lease")
        .isEmpty();

    jobs().finishItem(id, second, ItemResult.DONE, null, T0.plusSeconds(4));
    jobs().finishItem(id, third, ItemResult.FAILED, "boom", T0.plusSeconds(5));
    assertThat(jobs().unfinished(id)).isEqualTo(1);

    Instant later = T0.plus(LEASE).plusSeconds(1);
    assertThat(claim(id, later)).contains(died);
    assertThat(claim(id, later)).as("taken again just now").isEmpty();
    jobs().finishItem(id, died, ItemResult.DONE, null, later);
    jobs().finishItem(id, died, ItemResult.DONE, "the runner thought dead, late", later);

    ReplayJob job = jobs().find(id).orElseThrow();
    assertThat(job.done()).isEqualTo(2);
    assertThat(job.failed()).isEqualTo(1);
    assertThat(job.remaining()).isZero();
    assertThat(jobs().unfinished(id)).isZero();
  }

  @Test
  void concurrentRunnersNeverTakeTheSameItem() throws Exception {
    List<String> batches = ids("concurrent", 60);
    long id = draft("concurrent", givenFinishedBatches(batches), 1_000).id();
    jobs().setStatus(id, ReplayJobState.RUNNING, T0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> runners = new ArrayList<>();
      for (int r = 0; r < 8; r++) {
        runners.add(
            pool.submit(
                () -> {
                  List<String> taken = new ArrayList<>();
                  for (Optional<String> next = claim(id, T0);
                      next.isPresent();
                      next = claim(id, T0)) {
                    taken.add(next.get());
                  }
                  return taken;
                }));
      }
      Set<String> distinct = new HashSet<>();
      int count = 0;
      for (Future<List<String>> runner : runners) {
        for (String eventId : runner.get()) {
          distinct.add(eventId);
          count++;
        }
      }
      assertThat(count).as("every item taken once").isEqualTo(60);
      assertThat(distinct).containsExactlyInAnyOrderElementsOf(batches);
    } finally {
      pool.shutdownNow();
    }
  }
}
