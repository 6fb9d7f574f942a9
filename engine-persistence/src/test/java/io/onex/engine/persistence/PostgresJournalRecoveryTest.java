package io.onex.engine.persistence;

import io.onex.engine.persistence.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

class PostgresJournalRecoveryTest extends JournalRecoveryContract {

  private static String url;

  @BeforeAll
  static void createDatabase() {
    url = TestPostgres.newDatabase();
  }

  @Override
  Map<String, Object> journalConfig() {
    return Map.of(
        "onex.journal.url",
        url,
        "onex.journal.user",
        "postgres",
        "onex.journal.password",
        "postgres");
  }
}
