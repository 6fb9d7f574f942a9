package io.onex.engine.samples;

import io.onex.engine.core.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

class PostgresNodeRestartTest extends NodeRestartContract {

  private Map<String, Object> journal;

  @BeforeEach
  void createDatabase() {
    journal = TestPostgres.newJournal();
  }

  @Override
  Map<String, Object> journal() {
    return journal;
  }
}
