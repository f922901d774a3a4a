package smap.analytics.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;

class AnalyticsExceptionTest {

  @Test
  void theHierarchyHasTheFourFailureKindsOfContract7AndTheDatabasesRefusal() {
    assertThat(AnalyticsException.class.getPermittedSubclasses())
        .containsExactlyInAnyOrder(
            InvalidMessageException.class,
            ObjectNotFoundException.class,
            MalformedBatchException.class,
            DependencyUnavailableException.class,
            StorageRefusedException.class);
  }

  @Test
  void aRefusalByTheDatabaseIsPermanentAndItsReasonBounded() {
    StorageRefusedException e =
        new StorageRefusedException("value too long " + "x".repeat(900), null);

    assertThat(e.transientFailure()).isFalse();
    assertThat(e.getMessage())
        .startsWith("value too long")
        .hasSizeLessThan(smap.analytics.domain.storable.ColumnLimits.WARNING.limit() + 20);
  }

  @Test
  void anInvalidMessageIsPermanentAndNamesItsField() {
    InvalidMessageException e = new InvalidMessageException("payload.minio_path", "is missing");

    assertThat(e.transientFailure()).isFalse();
    assertThat(e.field()).isEqualTo("payload.minio_path");
    assertThat(e).hasMessage("payload.minio_path: is missing").hasNoCause();
  }

  @Test
  void anInvalidMessageMustNameAField() {
    assertThatThrownBy(() -> new InvalidMessageException(null, "x"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aMissingObjectIsNotRetriedWithBackoffButIsReplayable() {
    ObjectNotFoundException e = new ObjectNotFoundException("crawl-results/x.json", null);

    assertThat(e.transientFailure()).isFalse();
    assertThat(e.location()).isEqualTo("crawl-results/x.json");
    assertThat(e).hasMessage("object not found: crawl-results/x.json");
  }

  @Test
  void aMalformedBatchIsPermanentAndKeepsItsCause() {
    IOException cause = new IOException("Unexpected end-of-input");
    MalformedBatchException e =
        new MalformedBatchException("crawl-results/x.json", "unreadable JSON", cause);

    assertThat(e.transientFailure()).isFalse();
    assertThat(e.location()).isEqualTo("crawl-results/x.json");
    assertThat(e).hasMessage("crawl-results/x.json: unreadable JSON").hasCause(cause);
  }

  @ParameterizedTest
  @EnumSource(Dependency.class)
  void anUnavailableDependencyIsTransient(Dependency dependency) {
    DependencyUnavailableException e =
        new DependencyUnavailableException(dependency, "connection refused", null);

    assertThat(e.transientFailure()).isTrue();
    assertThat(e.dependency()).isEqualTo(dependency);
    assertThat(e).hasMessage(dependency + " unavailable: connection refused");
  }

  @Test
  void anUnavailableDependencyMustBeNamed() {
    assertThatThrownBy(() -> new DependencyUnavailableException(null, "x", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("dependency");
  }

  @Test
  void everyFailureIsUnchecked() {
    assertThat(RuntimeException.class).isAssignableFrom(AnalyticsException.class);
  }
}
