package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;

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
