package io.onex.engine.samples;

import io.onex.engine.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The samples are what a user writes: they use the engine's public API only. */
class SamplesArchitectureTest {

  @Test
  void shouldUseThePublicApiOnly() {
    ArchitectureRules.usesPublicApiOnly("io.onex.engine.samples")
        .check(ArchitectureRules.mainClasses());
  }
}
