package smap.analytics.domain.message;

import java.util.List;
import java.util.Objects;

/** What {@link MessageClassifier} made of a message: accepted in a format, or rejected. */
public sealed interface Classification {

  EventContext context();

  /**
   * The message is usable.
   *
   * @param warnings problems that do not stop processing (missing optional fields, conflicts)
   */
  record Accepted(InboundMessage message, List<String> warnings) implements Classification {
    public Accepted {
      Objects.requireNonNull(message, "message");
      warnings = List.copyOf(warnings);
    }

    @Override
    public EventContext context() {
      return message.context();
    }
  }

  /**
   * The message is permanently unusable.
   *
   * @param context whatever could be read of it (job and project let an error result go out)
   * @param reason what is wrong and where, for the ledger and the operator
   */
  record Rejected(EventContext context, String reason) implements Classification {
    public Rejected {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
