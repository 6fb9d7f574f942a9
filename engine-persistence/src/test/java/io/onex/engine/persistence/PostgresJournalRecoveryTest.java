package io.onex.engine.persistence;

import io.onex.engine.core.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

class PostgresJournalRecoveryTest extends JournalRecoveryContract {

  private static Map<String, Object> journal;

  @BeforeAll
  static void createDatabase() {
    journal = TestPostgres.newJournal();
  }

  @Override
  Map<String, Object> journalConfig() {
    return journal;
  }
}
