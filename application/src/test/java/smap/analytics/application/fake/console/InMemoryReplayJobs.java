package smap.analytics.application.fake.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import smap.analytics.application.port.out.console.ReplayJobPort;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.replay.ReplayJob;
import smap.analytics.domain.replay.ReplayJobState;

/** Fake: replay jobs in memory; the frozen set is whatever ids the test says match the filter. */
public final class InMemoryReplayJobs implements ReplayJobPort {

  private final Map<Long, ReplayJob> jobs = new LinkedHashMap<>();
  private final Map<Long, List<String>> items = new LinkedHashMap<>();
  private final Map<Long, Map<String, String>> states = new LinkedHashMap<>();
  private final Map<String, Long> keys = new LinkedHashMap<>();
  // When each taken item ("job/event") was taken.
  private final Map<String, Instant> claims = new LinkedHashMap<>();
  private List<String> matching = List.of();
  private long nextId = 1;

  /** The event ids the next filter matches. */
  public synchronized void matching(List<String> ids) {
    matching = List.copyOf(ids);
  }

  @Override
  public synchronized ReplayJob createDraft(NewJob job, BatchFilter filter, int max) {
    Long existing = keys.get(job.idempotencyKey());
    if (existing != null) {
      return jobs.get(existing);
    }
    long id = nextId++;
    List<String> frozen = List.copyOf(matching.subList(0, Math.min(max, matching.size())));
    items.put(id, frozen);
    Map<String, String> state = new LinkedHashMap<>();
    frozen.forEach(e -> state.put(e, "PENDING"));
    states.put(id, state);
    keys.put(job.idempotencyKey(), id);
    jobs.put(
        id,
        new ReplayJob(
            id,
            job.createdBy(),
            job.createdAt(),
            job.reason(),
            job.filterText(),
            job.republish(),
            job.ratePerSecond(),
            ReplayJobState.DRAFT,
            frozen.size(),
            0,
            0,
            0,
            job.createdAt()));
    return jobs.get(id);
  }

  @Override
  public synchronized Optional<ReplayJob> find(long id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized List<String> sample(long id, int limit) {
    List<String> frozen = items.getOrDefault(id, List.of());
    return frozen.subList(0, Math.min(limit, frozen.size()));
  }

  @Override
  public synchronized List<ReplayJob> list(int limit) {
    List<ReplayJob> list = new ArrayList<>(jobs.values());
    java.util.Collections.reverse(list);
    return list.subList(0, Math.min(limit, list.size()));
  }

  @Override
  public synchronized boolean setStatus(long id, ReplayJobState status, Instant at) {
    ReplayJob j = jobs.get(id);
    if (j == null) {
      return false;
    }
    jobs.put(
        id,
        new ReplayJob(
            j.id(),
            j.createdBy(),
            j.createdAt(),
            j.reason(),
            j.filter(),
            j.republish(),
            j.ratePerSecond(),
            status,
            j.total(),
            j.done(),
            j.failed(),
            j.skipped(),
            at));
    return true;
  }

  @Override
  public synchronized Optional<String> claimNext(long id, Instant now, Instant staleBefore) {
    if (!(jobs.get(id).status() instanceof ReplayJobState.Running)) {
      return Optional.empty();
    }
    Map<String, String> itemStates = states.get(id);
    for (Map.Entry<String, String> e : itemStates.entrySet()) {
      if (e.getValue().equals("RUNNING")
          && claims.get(id + "/" + e.getKey()).isBefore(staleBefore)) {
        claims.put(id + "/" + e.getKey(), now);
        return Optional.of(e.getKey());
      }
    }
    for (Map.Entry<String, String> e : itemStates.entrySet()) {
      if (e.getValue().equals("PENDING")) {
        e.setValue("RUNNING");
        claims.put(id + "/" + e.getKey(), now);
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized int unfinished(long id) {
    return (int)
        states.get(id).values().stream()
            .filter(s -> s.equals("PENDING") || s.equals("RUNNING"))
            .count();
  }

  @Override
  public synchronized void finishItem(
      long id, String eventId, ItemResult result, String message, Instant at) {
    if (!"RUNNING".equals(states.get(id).get(eventId))) {
      return;
    }
    states.get(id).put(eventId, result.name());
    ReplayJob j = jobs.get(id);
    jobs.put(
        id,
        new ReplayJob(
            j.id(),
            j.createdBy(),
            j.createdAt(),
            j.reason(),
            j.filter(),
            j.republish(),
            j.ratePerSecond(),
            j.status(),
            j.total(),
            j.done() + (result == ItemResult.DONE ? 1 : 0),
            j.failed() + (result == ItemResult.FAILED ? 1 : 0),
            j.skipped() + (result == ItemResult.SKIPPED ? 1 : 0),
            at));
  }
}
