package smap.analytics.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.message.Classification.Accepted;
import smap.analytics.domain.message.Classification.Rejected;
import smap.analytics.domain.message.InboundMessage.DataCollectedEvent;

class EventContextTest {

  @Test
  void aContextThatKnowsOnlyItsIdHasNothingElse() {
    EventContext context = EventContext.of(EventId.of("e"));

    assertThat(context.eventId()).isEqualTo(EventId.of("e"));
    assertThat(context.projectId()).isNull();
    assertThat(context.jobId()).isNull();
    assertThat(context.platform()).isNull();
    assertThat(context.contentCount()).isNull();
  }

  @Test
  void everyContextHasAnId() {
    assertThatThrownBy(() -> EventContext.of(null)).hasMessageContaining("eventId");
  }

  @Test
  void anAcceptedMessagesWarningsCannotChangeLater() {
    java.util.ArrayList<String> warnings = new java.util.ArrayList<>(List.of("w"));
    Accepted accepted =
        new Accepted(
            new DataCollectedEvent(EventContext.of(EventId.of("e")), new ObjectLocation("b", "k")),
            warnings);

    warnings.add("later");

    assertThat(accepted.warnings()).containsExactly("w");
  }

  @Test
  void aRejectionHasAReasonAndAContext() {
    assertThatThrownBy(() -> new Rejected(EventContext.of(EventId.of("e")), null))
        .hasMessageContaining("reason");
    assertThatThrownBy(() -> new Rejected(null, "r")).hasMessageContaining("context");
  }
}
