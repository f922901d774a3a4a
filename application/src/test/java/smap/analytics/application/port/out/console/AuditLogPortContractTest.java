package smap.analytics.application.port.out.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smap.analytics.domain.audit.AuditEntry;

/** Contract of {@link AuditLogPort}: the in-memory fake and the PostgreSQL adapter both pass it. */
public abstract class AuditLogPortContractTest {

  private static final Instant T = Instant.parse("2025-12-17T10:00:00Z");

  /** A fresh, empty audit log. */
  protected abstract AuditLogPort auditLog();

  private static AuditEntry entry(int second, String actor, String action) {
    return new AuditEntry(
        T.plusSeconds(second),
        actor,
        action,
        "target-" + second,
        "global",
        "reason " + second,
        "ok",
        Map.of("second", second));
  }

  @Test
  void listsNewestFirstByTimeWhateverTheOrderOfRecording() {
    AuditLogPort log = auditLog();
    log.record(entry(2, "ana", "flag.set"));
    log.record(entry(1, "ana", "flag.set"));
    log.record(entry(3, "ben", "replay.batch"));

    assertThat(log.list(null, null, 10))
        .extracting(AuditEntry::at)
        .containsExactly(T.plusSeconds(3), T.plusSeconds(2), T.plusSeconds(1));
  }

  @Test
  void filtersByActorAndActionAndHonoursTheLimit() {
    AuditLogPort log = auditLog();
    log.record(entry(1, "ana", "flag.set"));
    log.record(entry(2, "ana", "replay.batch"));
    log.record(entry(3, "ben", "flag.set"));
    log.record(entry(4, "ana", "flag.set"));

    assertThat(log.list("ana", null, 10))
        .extracting(AuditEntry::target)
        .containsExactly("target-4", "target-2", "target-1");
    assertThat(log.list(null, "flag.set", 10))
        .extracting(AuditEntry::target)
        .containsExactly("target-4", "target-3", "target-1");
    assertThat(log.list("ana", "flag.set", 1))
        .extracting(AuditEntry::target)
        .containsExactly("target-4");
    assertThat(log.list("nobody", null, 10)).isEmpty();
  }

  @Test
  void keepsEveryFieldAndTheDetailAndAcceptsAbsentOptionalFields() {
    AuditLogPort log = auditLog();
    AuditEntry full =
        new AuditEntry(
            T,
            "ana",
            "replay.job",
            "job 7",
            "project:proj_x",
            "binding fixed",
            "duplicate",
            Map.of("count", 12, "ids", List.of("e1", "e2"), "nested", Map.of("ok", true)));
    AuditEntry bare =
        new AuditEntry(T.minusSeconds(1), "ben", "login", null, null, null, "denied", null);
    log.record(full);
    log.record(bare);

    List<AuditEntry> listed = log.list(null, null, 10);
    assertThat(listed).containsExactly(full, bare);
    assertThat(listed.get(1).detail()).isEmpty();
  }
}
