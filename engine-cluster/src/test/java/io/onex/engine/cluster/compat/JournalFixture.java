package io.onex.engine.cluster.compat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.testing.CounterWorkflow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The journal written by an earlier release of the engine, kept as a test fixture: an H2 database
 * dumped as SQL ({@code journal.sql}) and what that release read back from it ({@code
 * expected.json}). Whatever the engine's classes become, a node must recover this journal with the
 * same states, digests and leases.
 */
final class JournalFixture {

  /** The class-path folder holding the fixture of release 0.1 (before the module floor plan). */
  static final String RELEASE_0_1 = "fixtures/journal-0.1/";

  private JournalFixture() {}

  /** The node configuration the fixture was written and is read with. */
  static Config nodeConfig(Path dataDir) {
    return ConfigFactory.parseMap(
            Map.of(
                "onex.data-dir", dataDir.toString(),
                "onex.cluster.port", 0,
                "onex.instance.snapshot-every", 3,
                "onex.leases.snapshot-every", 2,
                "onex.leases.max-ttl", "36500d"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  /** Counter versions 1 and 2 and the single-writer counter. */
  static WorkflowRegistry registry(boolean withVersion2) {
    WorkflowRegistry registry =
        new WorkflowRegistry()
            .register(CounterWorkflow.definition())
            .register(CounterWorkflow.singleWriter());
    return withVersion2 ? registry.register(CounterWorkflow.definition(2, 1)) : registry;
  }

  /** Writes the H2 journal in {@code dataDir} as an SQL script to {@code script}. */
  static void dump(Path dataDir, Path script) throws SQLException {
    try (Connection connection = open(dataDir);
        Statement statement = connection.createStatement()) {
      statement.execute("SCRIPT TO '" + script.toAbsolutePath() + "'");
    }
  }

  /** Restores the fixture's journal into an H2 database in {@code dataDir}. */
  static void restore(String folder, Path dataDir) throws SQLException, IOException {
    Path script = dataDir.resolve("journal.sql");
    try (InputStream in = resource(folder + "journal.sql")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    try (Connection connection = open(dataDir);
        Statement statement = connection.createStatement()) {
      statement.execute("RUNSCRIPT FROM '" + script.toAbsolutePath() + "'");
    }
  }

  static InputStream resource(String name) {
    InputStream in = JournalFixture.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("Missing test fixture " + name);
    }
    return in;
  }

  private static Connection open(Path dataDir) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("journal") + ";WRITE_DELAY=0", "sa", "");
  }
}
