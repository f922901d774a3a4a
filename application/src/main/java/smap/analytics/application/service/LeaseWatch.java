package smap.analytics.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.ResultOutboxPort;

/**
 * The relay's watch on other relays' leases (OUTBOX_LEASE_SECONDS): what it last saw of each
 * expired lease, and the rows it may take over because their lease stood still for a whole lease
 * period while this relay had the database.
 */
final class LeaseWatch {

  private static final Logger LOG = LoggerFactory.getLogger(RelayResultsService.class);

  private final ResultOutboxPort outbox;
  private final Clock clock;
  private final Duration lease;
  private final Map<Long, Observed> observed = new HashMap<>();
  private Instant nextLook = Instant.MIN;

  /**
   * How often the watch looks: the relay passes after every stored result, many times a second, and
   * a takeover waits for a whole lease anyway.
   */
  static final Duration LOOK_EVERY = Duration.ofSeconds(1);

  LeaseWatch(ResultOutboxPort outbox, Clock clock, Duration lease) {
    this.outbox = outbox;
    this.clock = clock;
    this.lease = lease;
  }

  /**
   * Rows whose holder stopped renewing: taken over only after this relay has itself watched the
   * lease stand still for a whole lease period with the database up, so a live holder that lost the
   * database is never overtaken when it comes back (it renews first). Only a holder that is gone
   * (killed) or cut off from the database alone for a whole lease loses its rows.
   */
  List<OutboxMessage> takeOvers(int limit) {
    Instant now = clock.instant();
    if (now.isBefore(nextLook)) {
      return List.of();
    }
    nextLook = now.plus(LOOK_EVERY);
    List<OutboxMessage> taken = new ArrayList<>();
    Map<Long, Observed> seen = new HashMap<>();
    for (ResultOutboxPort.Lease lease : outbox.expiredLeases(limit, now)) {
      Observed before = observed.get(lease.id());
      if (before == null || before.beat() != lease.beat()) {
        seen.put(lease.id(), new Observed(lease.beat(), now));
      } else if (Duration.between(before.since(), now).compareTo(this.lease) >= 0) {
        outbox.takeOver(lease.id(), lease.beat(), now).ifPresent(taken::add);
        LOG.warn(
            "took over outbox row {} from relay {}, whose lease stood still for {} s; if that"
                + " relay died between the broker's confirm and its mark, the Collector gets this"
                + " result twice",
            lease.id(),
            lease.holder(),
            Duration.between(before.since(), now).toSeconds());
      } else {
        seen.put(lease.id(), before);
      }
    }
    observed.clear();
    observed.putAll(seen);
    return taken;
  }

  /**
   * Forgets what was seen: after this relay lost the database, a lease that did not move proves
   * nothing (its holder may have lost the database too), so the watch starts again.
   */
  void forget() {
    observed.clear();
    nextLook = Instant.MIN;
  }

  /** A lease as this relay last saw it move. */
  private record Observed(long beat, Instant since) {}
}
