package smap.analytics.application.port.in.console;

import java.util.List;
import java.util.Objects;
import smap.analytics.domain.console.UnroutableResult;

/**
 * Use case: list the results the broker returned as unroutable and resend one or a selection of
 * them (audited). A resend makes the rows due at once; the outbox relay publishes them on its next
 * pass, as it publishes every result.
 */
public interface ResendUnroutableResultsUseCase {

  /** The most results a list shows and a resend takes at once. */
  int MAX = 500;

  /** Unroutable results, oldest first, at most {@link #MAX}. */
  List<UnroutableResult> list();

  /** Makes the selected results due now and audits it as {@code result-resend}. */
  ResendOutcome resend(ResendCommand command);

  /**
   * @param ids outbox row ids, 1 to {@link #MAX}
   * @param reason why (optional)
   */
  record ResendCommand(List<Long> ids, String operator, String reason) {
    public ResendCommand {
      Objects.requireNonNull(operator, "operator");
      ids = ids == null ? List.of() : List.copyOf(ids);
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("ids: select at least one result to resend");
      }
      if (ids.size() > MAX) {
        throw new IllegalArgumentException(
            "ids: at most " + MAX + " results at once, got " + ids.size());
      }
    }
  }

  /**
   * @param queued ids made due: the relay publishes them within a second
   * @param skipped ids that are not (or no longer) unroutable: published meanwhile, or unknown
   */
  record ResendOutcome(List<Long> queued, List<Long> skipped) {
    public ResendOutcome {
      queued = List.copyOf(queued);
      skipped = List.copyOf(skipped);
    }

    /** One line for the operator. */
    public String message() {
      return queued.size()
          + " result(s) queued for resending; the relay publishes them within a second"
          + (skipped.isEmpty()
              ? ""
              : "; " + skipped.size() + " skipped (no longer unroutable, or unknown)");
    }
  }
}
