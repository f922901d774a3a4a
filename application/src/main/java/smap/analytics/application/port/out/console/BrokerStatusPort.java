package smap.analytics.application.port.out.console;

import java.util.List;
import smap.analytics.domain.console.QueueStatus;

/** Outgoing port: how many messages wait in the queues this service reads and parks into. */
public interface BrokerStatusPort {

  /** Every queue of the service, in a fixed order; a queue that cannot be read says why. */
  List<QueueStatus> queues();
}
