package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.core.testing.TestPostgres;
import io.onex.engine.gateway.testing.GatewayNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /health tells a load balancer when the journal is gone, naming the failing check. */
class JournalHealthTest {

  @Test
  void shouldAnswer503NamingTheJournalWhenItsDatabaseDisappears() throws Exception {
    String url = TestPostgres.newDatabase();
    String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    try (GatewayNode node =
        GatewayNode.start(
            Map.of(
                "onex.journal.url", url,
                "onex.journal.user", "postgres",
                "onex.journal.password", "postgres",
                "onex.engine.ask-timeout", "3s"))) {
      assertThat(node.get("/health").status()).isEqualTo(200);

      try (Connection admin =
              DriverManager.getConnection(
                  url.replace("/" + database, "/postgres"), "postgres", "postgres");
          Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Response health = node.get("/health");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.text("status")).isEqualTo("DOWN");
                assertThat(health.body().at("/checks/journal/status").asText()).isEqualTo("DOWN");
                assertThat(health.body().at("/checks/cluster/status").asText()).isEqualTo("UP");
              });
    }
  }
}
