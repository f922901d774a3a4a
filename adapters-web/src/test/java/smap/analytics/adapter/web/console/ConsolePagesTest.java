package smap.analytics.adapter.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

/** Pages of the console over in-memory ports: unroutable results and a pruned batch. */
class ConsolePagesTest {

  private static ConsoleUnderTest console() {
    return new ConsoleUnderTest(
        ConsoleUnderTest.options(1000, 1000, Duration.ofMinutes(30), Duration.ofHours(12), 1000),
        false);
  }

  /** Two results the broker returned, due again only in an hour. */
  private static List<Long> twoUnroutable(ConsoleUnderTest c) {
    for (String id : List.of("e1", "e2")) {
      c.outbox.add(EventId.of(id), id, new AnalyzeResult("p", "p-brand-0", 2, 1, 1));
    }
    Instant now = c.clock.instant();
    return c.outbox.claimDue(10, now).stream()
        .map(OutboxMessage::id)
        .peek(id -> c.outbox.markUnroutable(id, now, now.plusSeconds(3600)))
        .toList();
  }

  @Test
  void anOperatorResendsASelectionWithTheCsrfTokenAndAViewerCannot() throws Exception {
    try (ConsoleUnderTest c = console()) {
      List<Long> ids = twoUnroutable(c);
      ConsoleUnderTest.Browser vic = c.new Browser();
      vic.signIn("vic", "vic-secret", "/");
      String page = vic.get("/results/unroutable").body();
      assertThat(page).contains("e1", "e2", "Viewers cannot resend").doesNotContain("select-");
      vic.csrf = ConsoleUnderTest.field(page, "_csrf");
      assertThat(vic.post("/results/unroutable/resend", Map.of("id", "" + ids.get(0))).statusCode())
          .isEqualTo(403);

      ConsoleUnderTest.Browser ana = c.new Browser();
      ana.signIn("ana", "ana-secret", "/");
      String form = ana.get("/results/unroutable").body();
      assertThat(form).contains("id=\"select-" + ids.get(0) + "\"", "hx-confirm=");
      ana.csrf = null;
      assertThat(ana.post("/results/unroutable/resend", Map.of("id", "" + ids.get(0))).statusCode())
          .as("no CSRF token")
          .isEqualTo(403);
      ana.csrf = ConsoleUnderTest.field(form, "_csrf");
      HttpResponse<String> resent =
          ana.post(
              "/results/unroutable/resend", Map.of("id", "" + ids.get(1), "reason", "bound now"));
      assertThat(resent.statusCode()).isEqualTo(200);
      assertThat(resent.body()).contains("1 result(s) queued for resending");
      assertThat(c.outbox.claimDue(10, c.clock.instant()))
          .extracting(OutboxMessage::messageId)
          .containsExactly("e2");
      assertThat(c.audit.list("ana", "result-resend", 10))
          .singleElement()
          .satisfies(e -> assertThat(e.reason()).isEqualTo("bound now"));
    }
  }

  @Test
  void theApiResendsByIdAndSaysWhatItSkipped() throws Exception {
    try (ConsoleUnderTest c = console()) {
      List<Long> ids = twoUnroutable(c);
      assertThat(c.basic("/api/results/unroutable", "vic:vic-secret").body())
          .contains("\"eventId\":\"e1\"", "\"returns\":1");
      HttpResponse<String> answer =
          c.basicPost(
              "/api/results/unroutable/resend?id=" + ids.get(0) + ",999",
              "ana:ana-secret",
              "reason=script");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
      assertThat(answer.body()).contains("\"queued\":[" + ids.get(0) + "]", "\"skipped\":[999]");
      assertThat(
              c.basicPost("/api/results/unroutable/resend?id=999", "ana:ana-secret", "")
                  .statusCode())
          .isEqualTo(409);
      assertThat(
              c.basicPost("/api/results/unroutable/resend?id=x", "ana:ana-secret", "").statusCode())
          .isEqualTo(400);
      assertThat(
              c.basicPost("/api/results/unroutable/resend?id=" + ids.get(1), "vic:vic-secret", "")
                  .statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void aBatchWhoseMessageWasPrunedSaysSoInsteadOfAnEmptyBody() throws Exception {
    try (ConsoleUnderTest c = console()) {
      ConsoleUnderTest.Browser ana = c.new Browser();
      ana.signIn("ana", "ana-secret", "/");
      String page = ana.get("/batches/" + ConsoleUnderTest.PRUNED_ID).body();
      assertThat(page)
          .contains("id=\"raw-body-pruned\"", "removed by the retention job")
          .contains("cannot be replayed")
          .doesNotContain("<pre></pre>")
          .doesNotContain("action=\"/batches/pruned-1/replay\"");
    }
  }
}
