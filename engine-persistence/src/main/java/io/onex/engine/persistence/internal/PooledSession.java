package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * One transaction of a JDBC projection on a connection taken from a pool: the projection's handler
 * and its offset are written in it together, and the connection goes back to the pool when the
 * projection closes the session.
 */
@InternalApi
public final class PooledSession implements JdbcSession {

  private final Connection connection;

  public PooledSession(DataSource pool) {
    try {
      this.connection = pool.getConnection();
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not open a journal connection: " + e.getMessage(), e);
    }
  }

  /**
   * Creates Pekko Projection's offset tables in the database of {@code pool} when they are missing;
   * throws {@link IllegalStateException} naming {@code database} if that fails in time.
   */
  public static void createOffsetTables(
      DataSource pool, ActorSystem<?> system, Duration timeout, Object database) {
    try {
      JdbcProjection.createTablesIfNotExists(() -> new PooledSession(pool), system)
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not create the projection offset table in " + database, e);
    }
  }

  @Override
  public <Result> Result withConnection(Function<Connection, Result> use) throws Exception {
    return use.apply(connection);
  }

  @Override
  public void commit() throws SQLException {
    connection.commit();
  }

  @Override
  public void rollback() throws SQLException {
    connection.rollback();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
