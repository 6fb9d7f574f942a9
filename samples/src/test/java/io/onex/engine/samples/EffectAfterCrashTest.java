package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.node.NodeConfig;
import io.onex.engine.samples.order.OrderWorkflow;
import io.onex.engine.samples.services.SampleServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node stops after an intent is journaled and while its effect is still in flight. After the
 * restart the effect runs again with the same idempotency key, and the target, which remembers
 * keys, has exactly one effect per key.
 */
class EffectAfterCrashTest {

  @TempDir Path dataDir;

  @Test
  void shouldRedeliverTheSameIdempotencyKeyAndHaveOneEffect() {
    Config config =
        ConfigFactory.parseMap(
                Map.of(
                    "onex.data-dir", dataDir.toString(),
                    "onex.cluster.port", 0,
                    "onex.samples.services.port", 0,
                    "onex.samples.services.smtp-port", 0,
                    "onex.samples.services.delay-ms", 1500))
            .withFallback(NodeConfig.withOverlay("dev"));
    try (SampleServices services = SampleServices.start(config)) {
      Config node = services.targets().withFallback(config);

      // given an order whose reservation is in flight when its node stops
      WorkflowEngine first = WorkflowEngine.create(node, Samples.registry());
      first
          .client()
          .start(
              OrderWorkflow.TYPE, StartRequest.of("crash-1", json(Map.of("customerId", "alice"))))
          .toCompletableFuture()
          .join();
      first
          .client()
          .send(
              OrderWorkflow.TYPE,
              "crash-1",
              ActionRequest.of(
                  "AddItem", json(Map.of("sku", "book", "quantity", 1, "unitPrice", 10))))
          .toCompletableFuture()
          .join();
      String reserveKey =
          first
              .client()
              .send(OrderWorkflow.TYPE, "crash-1", ActionRequest.of("PlaceOrder", null))
              .toCompletableFuture()
              .join()
              .intents()
              .get(0)
              .idempotencyKey();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> services.keysReceived("inventory/reservations").size() == 1);
      first.close();

      // when a new node starts on the same journal
      try (WorkflowEngine second = WorkflowEngine.create(node, Samples.registry())) {
        await().atMost(Duration.ofSeconds(40)).until(() -> status(second).status().isFinal());

        // then the order completed, the reservation was asked for again with the same key, once in
        // effect
        assertThat(status(second).status().name()).isEqualTo("COMPLETED");
        List<String> keys = services.keysReceived("inventory/reservations");
        assertThat(keys).hasSizeGreaterThanOrEqualTo(2).containsOnly(reserveKey);
        assertThat(services.effects("inventory/reservations")).isEqualTo(1);
        assertThat(services.effects("payment/charges")).isEqualTo(1);
        List<WorkflowEvent> history =
            second
                .client()
                .history()
                .page(OrderWorkflow.TYPE, "crash-1", 1, 100)
                .toCompletableFuture()
                .join()
                .events();
        assertThat(history.stream().filter(e -> IntentOutcome.isOutcome(e.action().type())))
            .extracting(WorkflowEvent::causationId)
            .doesNotHaveDuplicates()
            .hasSize(3);
      }
    }
  }

  private static InstanceView status(WorkflowEngine engine) {
    return engine.client().get(OrderWorkflow.TYPE, "crash-1").toCompletableFuture().join();
  }

  private static com.fasterxml.jackson.databind.JsonNode json(Object value) {
    return EngineJson.mapper().valueToTree(value);
  }
}
