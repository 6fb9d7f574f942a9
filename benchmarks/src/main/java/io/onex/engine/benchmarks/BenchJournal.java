package io.onex.engine.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.node.NodeConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The journal a run measures on, with exactly the settings the engine ships with: the embedded H2
 * file database in a fresh directory, or an embedded PostgreSQL started by the command itself
 * (synchronous commits, as in production). Each scenario gets a fresh database.
 */
final class BenchJournal implements AutoCloseable {

  private final String kind;
  private final Path root;
  private EmbeddedPostgres postgres;
  private int databases;

  BenchJournal(String kind) {
    if (!kind.equals("h2") && !kind.equals("postgres")) {
      throw new IllegalArgumentException(
          "Expected --journal h2 or postgres, but got '" + kind + "'");
    }
    this.kind = kind;
    try {
      this.root = Files.createTempDirectory("onex-bench");
      if (kind.equals("postgres")) {
        postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String kind() {
    return kind;
  }

  /** The configuration of a node on a fresh database, with {@code overrides} on top. */
  Config freshNode(Map<String, Object> overrides) {
    Map<String, Object> settings = new HashMap<>(overrides);
    databases++;
    settings.put("onex.data-dir", root.resolve("db-" + databases).toString());
    if (postgres != null) {
      String name = "bench_" + databases;
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE " + name);
      } catch (Exception e) {
        throw new IllegalStateException("Could not create database " + name, e);
      }
      settings.put("onex.journal.url", postgres.getJdbcUrl("postgres", name));
      settings.put("onex.journal.user", "postgres");
      settings.put("onex.journal.password", "postgres");
    }
    settings.put("onex.cluster.port", 0);
    settings.put("onex.http.port", 0);
    settings.putIfAbsent("pekko.loglevel", "WARNING");
    return ConfigFactory.parseMap(settings).withFallback(NodeConfig.withOverlay("dev"));
  }

  /** The same database again (for a restart), by its configuration. */
  static Config sameNode(Config node, Map<String, Object> overrides) {
    return ConfigFactory.parseMap(overrides).withFallback(node);
  }

  @Override
  public void close() {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException ignored) {
      // temporary data; the process is ending
    }
  }
}
