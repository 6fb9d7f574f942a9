package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reducer that produces a state its definition's schema refuses has its action refused. */
class StateSchemaTest {

  private static final String BOUNDED = "/v1/workflows/bounded-counter/instances";

  @TempDir static Path dataDir;
  private static GatewayNode node;

  @BeforeAll
  static void startNode() {
    node =
        GatewayNode.start(Map.of("onex.data-dir", dataDir.toString()), CounterWorkflow.bounded(10));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void shouldRefuseAnActionWhoseResultingStateViolatesTheStateSchemaAndJournalNothing() {
    // given
    assertThat(node.post(BOUNDED, "{\"instanceId\":\"b-1\",\"input\":{\"initial\":8}}").status())
        .isEqualTo(201);

    // when
    Response refused =
        node.post(BOUNDED + "/b-1/actions", "{\"type\":\"Increment\",\"payload\":{\"by\":5}}");

    // then
    assertThat(refused.status()).isEqualTo(500);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    JsonNode problem = refused.body();
    assertThat(problem.get("type").asText()).endsWith("/invalid-state");
    assertThat(problem.get("field").asText()).isEqualTo("/value");
    assertThat(problem.get("detail").asText())
        .contains("workflow type 'bounded-counter' v1")
        .contains("after 'Increment'");
    assertThat(node.get(BOUNDED + "/b-1/history").body().get("events")).hasSize(1);
    assertThat(node.get(BOUNDED + "/b-1").body().at("/state/value").asInt()).isEqualTo(8);

    // and an action whose state fits is applied
    assertThat(
            node.post(BOUNDED + "/b-1/actions", "{\"type\":\"Increment\",\"payload\":{\"by\":2}}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void shouldRefuseAStartWhoseInitialStateViolatesTheStateSchema() {
    Response refused = node.post(BOUNDED, "{\"instanceId\":\"b-2\",\"input\":{\"initial\":11}}");

    assertThat(refused.status()).isEqualTo(500);
    assertThat(refused.body().get("type").asText()).endsWith("/invalid-state");
    assertThat(node.get(BOUNDED + "/b-2").status()).isEqualTo(404);
  }
}
