package io.onex.engine.effects.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.Intent;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC handler against a real PostgreSQL. */
class JdbcEffectHandlerTest {

  private static JdbcEffectHandler handler;

  @BeforeAll
  static void start() {
    Map<String, Object> journal = TestPostgres.newJournal();
    handler = new JdbcEffectHandler(Executors.newFixedThreadPool(2));
    handler.initialize(
        ConfigFactory.parseMap(
            Map.of(
                "datasources.ledger.url",
                journal.get("onex.journal.url"),
                "datasources.ledger.user",
                "postgres",
                "datasources.ledger.password",
                "postgres",
                "datasources.ledger.init-sql",
                List.of("CREATE TABLE IF NOT EXISTS ledger (entry VARCHAR(50), amount INT)"))));
  }

  @AfterAll
  static void stop() {
    handler.shutdown(Duration.ofSeconds(1));
  }

  private static EffectRequest request(String key, String sql, List<Object> params) {
    var payload = EngineJson.mapper().createObjectNode().put("sql", sql);
    payload.set("params", EngineJson.mapper().valueToTree(params));
    Intent intent =
        new Intent(
            "intent-" + key, "jdbc", "ledger", payload, null, null, key, "e", "f", null, null);
    return new EffectRequest("order", "o-1", intent, 1);
  }

  private static com.fasterxml.jackson.databind.JsonNode run(EffectRequest request) {
    return handler.execute(request, ConfigFactory.empty()).toCompletableFuture().join().value();
  }

  @Test
  void shouldApplyAStatementOncePerIdempotencyKey() {
    var insert =
        request("pay-1", "INSERT INTO ledger (entry, amount) VALUES (?, ?)", List.of("pay-1", 25));

    assertThat(run(insert).get("updateCount").asInt()).isEqualTo(1);
    assertThat(run(insert).get("duplicate").asBoolean()).isTrue();

    var rows =
        run(
            request(
                "read-1", "SELECT entry, amount FROM ledger WHERE entry = ?", List.of("pay-1")));
    assertThat(rows.get("rows")).hasSize(1);
    assertThat(rows.at("/rows/0/amount").asInt()).isEqualTo(25);
  }

  @Test
  void shouldFailForGoodOnABadStatementAndRecordNothing() {
    assertThatThrownBy(
            () -> run(request("bad-1", "INSERT INTO no_such_table VALUES (?)", List.of(1))))
        .cause()
        .isInstanceOfSatisfying(
            EffectException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("sql-42P01");
              assertThat(e.retryable()).isFalse();
            });
    var retried =
        request("bad-1", "INSERT INTO ledger (entry, amount) VALUES (?, ?)", List.of("bad-1", 1));
    assertThat(run(retried).get("updateCount").asInt()).isEqualTo(1);
  }

  @Test
  void shouldReportItsDataSourcesHealthy() {
    var health = handler.healthCheck().toCompletableFuture().join();

    assertThat(health.healthy()).isTrue();
    assertThat(handler.describe().settings()).containsKey("ledger");
  }
}
