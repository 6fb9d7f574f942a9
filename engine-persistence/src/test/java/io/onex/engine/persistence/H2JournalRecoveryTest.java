package io.onex.engine.persistence;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class H2JournalRecoveryTest extends JournalRecoveryContract {

  @TempDir static Path dataDir;

  @Override
  Map<String, Object> journalConfig() {
    return Map.of("onex.data-dir", dataDir.toString());
  }
}
