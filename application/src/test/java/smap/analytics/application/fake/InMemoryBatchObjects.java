package smap.analytics.application.fake;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import smap.analytics.application.port.out.BatchObjectPort;
import smap.analytics.application.port.out.FetchedBatch;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;
import smap.analytics.domain.failure.MalformedBatchException;
import smap.analytics.domain.failure.ObjectNotFoundException;

/** Fake: batch objects in memory, already parsed; can be made unavailable or malformed. */
public final class InMemoryBatchObjects implements BatchObjectPort {

  private final Map<String, List<Object>> objects = new HashMap<>();
  private final Map<String, String> malformed = new HashMap<>();
  private volatile boolean down;
  private int fetches;

  public synchronized void put(String bucketAndKey, List<Object> items) {
    objects.put(bucketAndKey, items);
  }

  public synchronized void putMalformed(String bucketAndKey, String problem) {
    malformed.put(bucketAndKey, problem);
  }

  public void setDown(boolean down) {
    this.down = down;
  }

  public synchronized int fetches() {
    return fetches;
  }

  @Override
  public synchronized FetchedBatch fetch(ObjectLocation location) {
    fetches++;
    if (down) {
      throw new DependencyUnavailableException(
          Dependency.OBJECT_STORE, "connection refused (fake)", null);
    }
    String key = location.bucket() + "/" + location.key();
    if (malformed.containsKey(key)) {
      throw new MalformedBatchException(key, malformed.get(key), null);
    }
    List<Object> items = objects.get(key);
    if (items == null) {
      throw new ObjectNotFoundException(key, null);
    }
    return new FetchedBatch(
        items, FetchedBatch.Shape.ARRAY, 100, false, Duration.ofMillis(1), Duration.ofMillis(1));
  }
}
