package smap.analytics.application.service;

import smap.analytics.domain.delivery.FailureKind;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.MalformedBatchException;
import smap.analytics.domain.failure.ObjectNotFoundException;

/**
 * The one place where exceptions become failure kinds: the adapters have already turned every
 * infrastructure exception into a port-level one; anything else is a bug.
 */
final class FailureKinds {

  private FailureKinds() {}

  static FailureKind of(RuntimeException e) {
    return switch (e) {
      case DependencyUnavailableException down ->
          new FailureKind.Unavailable(
              down.dependency(),
              down.getMessage().replaceFirst("^" + down.dependency() + " unavailable: ", ""));
      case ObjectNotFoundException missing -> new FailureKind.UnusableObject(missing.getMessage());
      case MalformedBatchException malformed ->
          new FailureKind.UnusableObject(malformed.getMessage());
      default -> new FailureKind.Bug(e.toString(), DeliveryRecorder.stackTrace(e));
    };
  }
}
