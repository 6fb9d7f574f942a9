package io.onex.engine.benchmarks;

import io.onex.engine.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The benchmark measures the engine as users run it: through its public API only. */
class BenchmarksArchitectureTest {

  @Test
  void shouldUseThePublicApiOnly() {
    ArchitectureRules.usesPublicApiOnly("io.onex.engine.benchmarks")
        .check(ArchitectureRules.mainClasses());
  }
}
