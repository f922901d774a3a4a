package smap.analytics.application.port.out;

import smap.analytics.domain.batch.ObjectLocation;

/** Outgoing port: read a batch file (or a legacy single post) from object storage. */
public interface BatchObjectPort {

  /**
   * Fetches, decompresses when needed, and parses the object.
   *
   * @throws smap.analytics.domain.failure.ObjectNotFoundException no such object
   * @throws smap.analytics.domain.failure.MalformedBatchException unreadable content
   * @throws smap.analytics.domain.failure.DependencyUnavailableException store down or timed out
   */
  FetchedBatch fetch(ObjectLocation location);
}
