package smap.analytics.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.e2e.RunningService;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.ledger.BatchEntry;

/**
 * Poison: a message whose handling crashes on every attempt (a test-only object store port that
 * throws an unexpected exception for it) is delivered exactly POISON_ATTEMPTS times, then parked
 * with its reason and stack in the ledger and in the dead-letter queue, while the other messages
 * keep flowing.
 */
class PoisonMessageIT {

  private static final String BUCKET = "crawl-results";
  private static final String PROJECT = "8d1e8d2a-6b1f-4c57-9f55-1b4c2d3e4f52";

  @Test
  void aMessageThatCrashesEveryTimeIsParkedAfterPoisonAttemptsAndOthersFlow() throws Exception {
    AtomicInteger poisonFetches = new AtomicInteger();
    try (RunningService service =
        RunningService.start(
            "poison",
            ServiceRuntime.Mode.HEADLESS,
            env -> {
              env.put("POISON_ATTEMPTS", "3");
              env.put("MAX_CONCURRENT_BATCHES", "2");
            },
            objects ->
                location -> {
                  if (location.key().contains("poison")) {
                    poisonFetches.incrementAndGet();
                    throw new IllegalStateException("test-only failing port for " + location.key());
                  }
                  return objects.fetch(location);
                })) {
      String suffix = service.suffix();
      String job = PROJECT + "-brand-0";
      String poison = "poison-" + suffix;
      service
          .crawler()
          .upload(BUCKET, "poison.json", SampleBatches.batch("TIKTOK", job, 5, 0, 1), false);
      service
          .crawler()
          .publish(
              SampleBatches.event(poison, BUCKET + "/poison.json", PROJECT, job, 0, 5, "tiktok"));
      List<String> good = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String id = "good-" + i + "-" + suffix;
        service
            .crawler()
            .upload(BUCKET, id + ".json", SampleBatches.batch("TIKTOK", job, 5, 1, 10 + i), false);
        service
            .crawler()
            .publish(
                SampleBatches.event(id, BUCKET + "/" + id + ".json", PROJECT, job, i, 5, "tiktok"));
        good.add(id);
      }

      BatchEntry parked = service.awaitTerminal(poison, 120);
      for (String id : good) {
        assertThat(service.awaitTerminal(id, 120).status()).isEqualTo(BatchStatus.SUCCEEDED);
      }

      assertThat(parked.status()).isEqualTo(BatchStatus.PARKED);
      assertThat(parked.lastError()).contains("crashed 3 times", "test-only failing port");
      assertThat(parked.lastErrorDetail()).contains("IllegalStateException", "at ");
      assertThat(poisonFetches.get()).as("deliveries of the poison message").isEqualTo(3);
      try (Channel channel = service.broker().createChannel()) {
        GetResponse dead = null;
        for (int i = 0; i < 50 && dead == null; i++) {
          dead = channel.basicGet(service.settings().broker().deadLetterQueue(), true);
          if (dead == null) {
            Thread.sleep(100);
          }
        }
        assertThat(dead).as("the parked message in the dead-letter queue").isNotNull();
        assertThat(new String(dead.getBody(), java.nio.charset.StandardCharsets.UTF_8))
            .contains(poison);
        assertThat(dead.getProps().getHeaders().get("x-death-reason").toString())
            .contains("crashed 3 times");
        assertThat(channel.messageCount(service.settings().broker().eventQueue())).isZero();
      }
    }
  }
}
