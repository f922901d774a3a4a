package smap.analytics.application.fake;

import java.util.List;
import smap.analytics.application.port.out.BatchObjectPort;
import smap.analytics.application.port.out.BatchObjectPortContractTest;

class InMemoryBatchObjectsTest extends BatchObjectPortContractTest {
  private final InMemoryBatchObjects objects = new InMemoryBatchObjects();

  @Override
  protected BatchObjectPort port() {
    return objects;
  }

  @Override
  protected void store(String bucket, String key, List<Object> items) {
    objects.put(bucket + "/" + key, items);
  }
}
