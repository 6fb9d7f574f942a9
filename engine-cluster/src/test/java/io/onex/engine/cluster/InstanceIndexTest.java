package io.onex.engine.cluster;

import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The instance index's contract on each journal database. */
class InstanceIndexTest {

  /** The embedded H2 journal. */
  @Nested
  class OnH2 extends InstanceIndexContract {
    @Override
    Map<String, Object> journal() {
      return Map.of();
    }
  }

  /** A PostgreSQL journal. */
  @Nested
  class OnPostgres extends InstanceIndexContract {
    @Override
    Map<String, Object> journal() {
      return io.onex.engine.core.testing.TestPostgres.newJournal();
    }
  }
}
