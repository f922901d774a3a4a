package smap.analytics.application.fake;

import smap.analytics.application.port.out.FeatureFlagPort;
import smap.analytics.application.port.out.FeatureFlagPortContractTest;

class InMemoryFeatureFlagsTest extends FeatureFlagPortContractTest {
  private final InMemoryFeatureFlags flags = new InMemoryFeatureFlags();

  @Override
  protected FeatureFlagPort flags() {
    return flags;
  }
}
