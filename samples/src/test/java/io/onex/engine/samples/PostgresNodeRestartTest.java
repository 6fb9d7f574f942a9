package io.onex.engine.samples;

import io.onex.engine.persistence.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

class PostgresNodeRestartTest extends NodeRestartContract {

  private String url;

  @BeforeEach
  void createDatabase() {
    url = TestPostgres.newDatabase();
  }

  @Override
  Map<String, Object> journal() {
    return Map.of(
        "onex.journal.url",
        url,
        "onex.journal.user",
        "postgres",
        "onex.journal.password",
        "postgres");
  }
}
