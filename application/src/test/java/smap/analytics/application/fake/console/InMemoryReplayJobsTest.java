package smap.analytics.application.fake.console;

import java.util.List;
import smap.analytics.application.port.out.console.ReplayJobPort;
import smap.analytics.application.port.out.console.ReplayJobPortContractTest;
import smap.analytics.domain.console.BatchFilter;

class InMemoryReplayJobsTest extends ReplayJobPortContractTest {

  private final InMemoryReplayJobs jobs = new InMemoryReplayJobs();

  @Override
  protected ReplayJobPort jobs() {
    return jobs;
  }

  @Override
  protected BatchFilter givenFinishedBatches(List<String> eventIdsNewestFirst) {
    jobs.matching(eventIdsNewestFirst);
    return BatchFilter.ANY;
  }
}
