package smap.analytics.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.failure.ObjectNotFoundException;

/** Contract of {@link BatchObjectPort}: the in-memory fake and the S3 adapter pass it. */
public abstract class BatchObjectPortContractTest {

  /** The port under test. */
  protected abstract BatchObjectPort port();

  /** Stores a batch of items (as a JSON array for a real store) at bucket/key. */
  protected abstract void store(String bucket, String key, List<Object> items);

  @Test
  void readsTheItemsOfAStoredBatchInOrder() {
    store(
        "crawl",
        "tiktok/b1.json",
        List.of(Map.of("meta", Map.of("id", "1")), Map.of("meta", Map.of("id", "2"))));

    FetchedBatch batch = port().fetch(new ObjectLocation("crawl", "tiktok/b1.json"));

    assertThat(batch.items()).hasSize(2);
    assertThat(batch.items().get(1)).isEqualTo(Map.of("meta", Map.of("id", "2")));
  }

  @Test
  void aMissingObjectIsNotFound() {
    store("crawl", "other.json", List.of());
    assertThatThrownBy(() -> port().fetch(new ObjectLocation("crawl", "missing.json")))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("object not found: crawl/missing.json");
  }
}
