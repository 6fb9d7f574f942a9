package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workflow type with a cap on unfinished instances refuses starts past it with 429
 * instance-limit, and starts again once some have ended.
 */
class InstanceCapTest {

  @TempDir Path dataDir;

  private static Response start(GatewayNode node, String type, String id) {
    return node.post(
        "/v1/workflows/" + type + "/instances",
        "{\"instanceId\":\"" + id + "\",\"input\":{\"initial\":1}}");
  }

  @Test
  void startsPastTheCapAreRefusedUntilInstancesEnd() {
    try (GatewayNode node =
        GatewayNode.start(
            Map.of(
                "onex.data-dir",
                dataDir.toString(),
                "onex.instance.cap.types.counter",
                2,
                "onex.instance.cap.refresh-interval",
                "200ms"))) {
      assertThat(start(node, "counter", "c-1").status()).isEqualTo(201);
      assertThat(start(node, "counter", "c-2").status()).isEqualTo(201);

      Response refused = start(node, "counter", "c-3");

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.text("type")).endsWith("/instance-limit");
      assertThat(refused.text("detail")).contains("'counter'").contains("fewer than 2");
      assertThat(node.get("/v1/workflows/counter/instances/c-3").status()).isEqualTo(404);

      assertThat(
              node.post("/v1/workflows/counter/instances/c-1/terminate", "{\"reason\":\"done\"}")
                  .status())
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> start(node, "counter", "c-3").status() == 201);
      assertThat(start(node, "counter", "c-4").status()).isEqualTo(429);
    }
  }
}
