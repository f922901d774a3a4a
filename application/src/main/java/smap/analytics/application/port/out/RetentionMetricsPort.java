package smap.analytics.application.port.out;

import smap.analytics.domain.retention.RetainedData;

/** Outgoing port: what the retention job removed, for {@code /metrics}. */
public interface RetentionMetricsPort {

  /** {@code rows} of {@code data} were removed. */
  void pruned(RetainedData data, long rows);
}
