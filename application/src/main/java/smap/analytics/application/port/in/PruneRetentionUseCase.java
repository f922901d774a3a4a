package smap.analytics.application.port.in;

import java.util.Map;
import smap.analytics.domain.retention.RetainedData;

/** Use case: remove raw bodies, sent outbox rows, audit rows and crawl errors past retention. */
public interface PruneRetentionUseCase {

  /** Runs one pruning pass, unless another instance is running one. */
  PruneReport pruneOnce();

  /**
   * What one pass did.
   *
   * @param ran false when another instance held the lock and nothing was done
   * @param removed rows removed per kind of data (kinds kept forever are absent)
   */
  record PruneReport(boolean ran, Map<RetainedData, Long> removed) {
    public PruneReport {
      removed = Map.copyOf(removed);
    }
  }
}
