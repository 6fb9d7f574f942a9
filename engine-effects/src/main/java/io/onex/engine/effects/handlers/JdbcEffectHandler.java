package io.onex.engine.effects.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.secrets.Redaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Carries out {@code jdbc} intents against pooled data sources (HikariCP), one per target ({@code
 * onex.handlers.jdbc.datasources.<target>}). The payload is {@code {"sql": "...", "params":
 * [...]}}; statements are always prepared with the parameters bound, never concatenated.
 *
 * <p>Exactly one effect per idempotency key: the key is inserted into {@code onex_effect_keys} in
 * the same transaction as the statement, so a repeated delivery finds the key, rolls back and
 * succeeds with {@code {"duplicate": true}}. Statements run on Pekko's blocking I/O dispatcher.
 */
public final class JdbcEffectHandler implements EffectHandler {

  private static final String KEYS_TABLE =
      "CREATE TABLE IF NOT EXISTS onex_effect_keys ("
          + "idempotency_key VARCHAR(512) PRIMARY KEY, applied_at TIMESTAMP NOT NULL)";
  private static final String UNIQUE_VIOLATION = "23505";

  private final Executor blocking;
  private final Map<String, HikariDataSource> dataSources = new TreeMap<>();

  /** A handler running statements on {@code blocking}. */
  public JdbcEffectHandler(Executor blocking) {
    this.blocking = blocking;
  }

  @Override
  public String handlerType() {
    return "jdbc";
  }

  @Override
  public void initialize(Config config) {
    if (!config.hasPath("datasources")) {
      return;
    }
    Config all = config.getConfig("datasources");
    for (String name : all.root().keySet()) {
      Config source = all.getConfig(name);
      HikariConfig hikari = new HikariConfig();
      hikari.setPoolName("onex-jdbc-" + name);
      hikari.setJdbcUrl(source.getString("url"));
      hikari.setUsername(source.hasPath("user") ? source.getString("user") : "");
      hikari.setPassword(source.hasPath("password") ? source.getString("password") : "");
      hikari.setMaximumPoolSize(
          source.hasPath("max-connections") ? source.getInt("max-connections") : 4);
      HikariDataSource dataSource = new HikariDataSource(hikari);
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(KEYS_TABLE);
        if (source.hasPath("init-sql")) {
          for (String sql : source.getStringList("init-sql")) {
            statement.execute(sql);
          }
        }
      } catch (SQLException e) {
        dataSource.close();
        throw new IllegalStateException(
            "Could not prepare JDBC target '"
                + name
                + "' ("
                + Redaction.url(source.getString("url"))
                + "): "
                + e.getMessage(),
            e);
      }
      dataSources.put(name, dataSource);
    }
  }

  @Override
  public CompletionStage<Void> shutdown(Duration timeout) {
    dataSources.values().forEach(HikariDataSource::close);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
    HikariDataSource dataSource = dataSources.get(request.target());
    if (dataSource == null) {
      return CompletableFuture.failedFuture(
          EffectException.permanent(
              "unknown-target",
              "No JDBC data source is configured for target '" + request.target() + "'"));
    }
    JsonNode sql = request.payload().get("sql");
    if (sql == null || !sql.isTextual()) {
      return CompletableFuture.failedFuture(
          EffectException.permanent("invalid-payload", "A jdbc intent needs a string field 'sql'"));
    }
    return CompletableFuture.supplyAsync(() -> run(dataSource, request, sql.asText()), blocking);
  }

  private static EffectResult run(HikariDataSource dataSource, EffectRequest request, String sql) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (!claim(connection, request.idempotencyKey())) {
          connection.rollback();
          return EffectResult.of(EngineJson.mapper().createObjectNode().put("duplicate", true));
        }
        JsonNode result = executeStatement(connection, sql, request.payload().path("params"));
        connection.commit();
        return EffectResult.of(result);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      boolean transientFailure = e.getSQLState() != null && e.getSQLState().startsWith("08");
      throw new EffectException("sql-" + e.getSQLState(), e.getMessage(), transientFailure, e);
    }
  }

  private static boolean claim(Connection connection, String key) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO onex_effect_keys (idempotency_key, applied_at) VALUES (?, CURRENT_TIMESTAMP)")) {
      insert.setString(1, key);
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  private static JsonNode executeStatement(Connection connection, String sql, JsonNode params)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      for (JsonNode param : params) {
        statement.setObject(
            index++,
            param.isNumber()
                ? param.numberValue()
                : param.isNull()
                    ? null
                    : param.isBoolean() ? param.booleanValue() : param.asText());
      }
      ObjectNode result = EngineJson.mapper().createObjectNode();
      if (statement.execute()) {
        result.set("rows", rows(statement.getResultSet()));
      } else {
        result.put("updateCount", statement.getUpdateCount());
      }
      return result;
    }
  }

  private static ArrayNode rows(ResultSet resultSet) throws SQLException {
    ArrayNode rows = EngineJson.mapper().createArrayNode();
    ResultSetMetaData meta = resultSet.getMetaData();
    while (resultSet.next()) {
      ObjectNode row = rows.addObject();
      for (int column = 1; column <= meta.getColumnCount(); column++) {
        row.set(
            meta.getColumnLabel(column).toLowerCase(java.util.Locale.ROOT),
            EngineJson.mapper().valueToTree(resultSet.getObject(column)));
      }
    }
    return rows;
  }

  @Override
  public HandlerDescription describe() {
    Map<String, String> settings = new TreeMap<>();
    dataSources.forEach((name, source) -> settings.put(name, Redaction.url(source.getJdbcUrl())));
    return new HandlerDescription(
        "jdbc", "Runs a parameterised SQL statement once per idempotency key", settings);
  }

  @Override
  public CompletionStage<HandlerHealth> healthCheck() {
    return CompletableFuture.supplyAsync(
        () -> {
          for (Map.Entry<String, HikariDataSource> entry : dataSources.entrySet()) {
            try (Connection connection = entry.getValue().getConnection()) {
              if (!connection.isValid(2)) {
                return HandlerHealth.unhealthy("data source '" + entry.getKey() + "' is not valid");
              }
            } catch (SQLException e) {
              return HandlerHealth.unhealthy(
                  "data source '" + entry.getKey() + "': " + e.getMessage());
            }
          }
          return HandlerHealth.healthy(dataSources.size() + " data source(s) reachable");
        },
        blocking);
  }
}
