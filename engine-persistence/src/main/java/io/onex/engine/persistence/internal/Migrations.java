package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * The one-off steps the engine took on a journal database (table {@code onex_migrations}), such as
 * seeding an index from a journal written before the index existed. Blocking work runs on {@code
 * blocking}.
 */
@InternalApi
public final class Migrations {

  private final DataSource pool;
  private final Executor blocking;
  private final Clock clock;

  public Migrations(DataSource pool, Executor blocking, Clock clock) {
    this.pool = pool;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** Whether the one-off step {@code name} was done on this database. */
  public CompletionStage<Boolean> isDone(String name) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection connection = pool.getConnection();
              PreparedStatement query =
                  connection.prepareStatement("SELECT 1 FROM onex_migrations WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next();
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read onex_migrations: " + e.getMessage(), e);
          }
        },
        blocking);
  }

  /** Records that the one-off step {@code name} was done on this database. */
  public CompletionStage<Void> markDone(String name) {
    return CompletableFuture.runAsync(
        () -> {
          try (Connection connection = pool.getConnection();
              PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO onex_migrations (name, done_at) VALUES (?, ?)")) {
            insert.setString(1, name);
            insert.setTimestamp(2, Timestamp.from(clock.instant()));
            insert.executeUpdate();
          } catch (SQLException e) {
            throw new IllegalStateException(
                "Could not write onex_migrations: " + e.getMessage(), e);
          }
        },
        blocking);
  }

  /** Forgets that the one-off step {@code name} was done, so that it is done again. */
  public void forget(Connection connection, String name) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM onex_migrations WHERE name = ?")) {
      delete.setString(1, name);
      delete.executeUpdate();
    }
  }
}
