package io.onex.engine.samples;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class H2NodeRestartTest extends NodeRestartContract {

  @TempDir Path dataDir;

  @Override
  Map<String, Object> journal() {
    return Map.of("onex.data-dir", dataDir.toString());
  }
}
