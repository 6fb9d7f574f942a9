package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.testing.HttpCalls;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start refused by the orchestrator's dependency check is answered 503 with an {@code
 * application/problem+json} body whose {@code dependency} names what is missing, and nothing is
 * started.
 */
class StartDependencyApiTest {

  @TempDir static Path dataDir;
  static GatewayNode node;

  @BeforeAll
  static void start() {
    node = GatewayNode.startWithOrchestrator(Map.of("onex.data-dir", dataDir.toString()));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void shouldAnswer503NamingTheDependencyWhenAChildWorkflowTypeIsUnknown() {
    // given
    Response registered =
        HttpCalls.send(
            HttpRequest.newBuilder(URI.create(node.base() + "/v1/workflows/orphan/versions/1"))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"type": "orphan", "version": 1,
                         "steps": [{"name": "kid", "workflow": "ghost"}]}
                        """)));
    assertThat(registered.status()).isEqualTo(201);

    // when
    Response refused =
        node.post("/v1/workflows/orphan/instances", "{\"instanceId\": \"o-1\", \"input\": {}}");

    // then
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().path("type").asText()).endsWith("/dependency-unavailable");
    assertThat(refused.body().path("status").asInt()).isEqualTo(503);
    assertThat(refused.body().path("dependency").asText()).isEqualTo("workflow:ghost");
    assertThat(refused.body().path("detail").asText()).contains("'ghost'");
    assertThat(node.get("/v1/workflows/orphan/instances/o-1").status()).isEqualTo(404);
  }
}
