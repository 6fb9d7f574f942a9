package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.testing.HttpCalls.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order sample end to end over HTTP, with its inventory, payment and shipping services: the
 * order runs to its end by itself after PlaceOrder, and its history shows the causal chain.
 */
class OrderFlowTest {

  private static final String ORDERS = "/v1/workflows/order/instances";

  @TempDir static Path dataDir;
  private static TestNode node;

  @BeforeAll
  static void startNode() {
    node =
        TestNode.start(
            Map.of("onex.data-dir", dataDir.toString(), "onex.samples.services.delay-ms", 500));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static Response place(String orderId, String customerId) {
    assertThat(
            node.post(
                    ORDERS,
                    "{\"instanceId\":\""
                        + orderId
                        + "\",\"input\":{\"customerId\":\""
                        + customerId
                        + "\"}}")
                .status())
        .isEqualTo(201);
    assertThat(
            node.post(
                    ORDERS + "/" + orderId + "/actions",
                    "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"book\",\"quantity\":2,\"unitPrice\":12.5}}")
                .status())
        .isEqualTo(200);
    Response placed =
        node.post(
            ORDERS + "/" + orderId + "/actions",
            "{\"type\":\"PlaceOrder\"}",
            "X-Correlation-Id",
            "checkout-" + orderId);
    assertThat(placed.status()).isEqualTo(200);
    return placed;
  }

  private static JsonNode awaitEnd(String orderId, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.get(ORDERS + "/" + orderId).text("status").equals(status));
    return node.get(ORDERS + "/" + orderId).body();
  }

  /** Every event after PlaceOrder is caused by an intent of the event before it, in one flow. */
  private static List<String> causalSteps(String orderId) {
    JsonNode events = node.get(ORDERS + "/" + orderId + "/history").body().get("events");
    List<String> steps = new ArrayList<>();
    Set<String> emitted = new HashSet<>();
    for (JsonNode event : events) {
      String type = event.at("/action/type").asText();
      if (type.startsWith("Intent")) {
        assertThat(emitted)
            .as("the cause of event %s", event.get("sequence"))
            .contains(event.get("causationId").asText());
        assertThat(event.at("/correlationChain/0").asText()).isEqualTo("checkout-" + orderId);
        assertThat(event.get("correlationChain").toString())
            .contains(event.get("causationId").asText());
      }
      if (!type.startsWith("Intent") && !emitted.isEmpty()) {
        throw new AssertionError("Unexpected action " + type + " after the order was placed");
      }
      event
          .get("intents")
          .forEach(
              intent -> {
                emitted.add(intent.get("intentId").asText());
                steps.add(intent.at("/metadata/step").asText());
              });
    }
    return steps;
  }

  @Test
  void shouldReserveChargeAndShipByItselfAfterPlaceOrder() {
    Response placed = place("happy-1", "alice");

    Response inFlight = node.get(ORDERS + "/happy-1");
    assertThat(inFlight.body().get("pendingIntents")).hasSize(1);
    assertThat(inFlight.body().at("/pendingIntents/0/target").asText()).isEqualTo("inventory");
    assertThat(inFlight.body().at("/pendingIntents/0/idempotencyKey").asText())
        .isEqualTo(placed.body().at("/intents/0/idempotencyKey").asText());

    JsonNode order = awaitEnd("happy-1", "COMPLETED");
    assertThat(order.at("/state/phase").asText()).isEqualTo("SHIPPED");
    assertThat(order.get("pendingIntents")).isEmpty();
    assertThat(causalSteps("happy-1")).containsExactly("reserve", "charge", "ship");
    assertThat(node.services().effects("inventory/reservations")).isPositive();
    assertThat(node.services().effects("shipping/shipments")).isPositive();
  }

  @Test
  void shouldReleaseTheReservationAndFailWhenThePaymentIsDeclined() {
    int releasesBefore = node.services().effects("inventory/releases");

    place("declined-1", "declined-carol");

    JsonNode order = awaitEnd("declined-1", "FAILED");
    assertThat(order.at("/state/phase").asText()).isEqualTo("FAILED");
    assertThat(order.get("statusReason").asText()).startsWith("payment failed: http-402");
    assertThat(causalSteps("declined-1")).containsExactly("reserve", "charge", "release");
    assertThat(node.services().effects("inventory/releases")).isEqualTo(releasesBefore + 1);
  }

  @Test
  void shouldExposeIntentAndCircuitBreakerMetrics() {
    place("metrics-1", "alice");
    awaitEnd("metrics-1", "COMPLETED");

    String metrics = node.getText("/metrics");

    assertThat(metrics)
        .contains("onex_intents_finished_total{outcome=\"succeeded\",type=\"http\"}")
        .contains("onex_circuit_breaker_open{target=\"http:payment\"} 0.0")
        .contains("onex_requests_total{result=\"accepted\",workflowType=\"order\"}")
        .contains("onex_intents_waiting");
  }

  @Test
  void shouldListHandlersWithTheirHealthAndBreakers() {
    Response handlers = node.get("/v1/handlers");

    assertThat(handlers.status()).isEqualTo(200);
    assertThat(handlers.body().get("handlers"))
        .extracting(h -> h.get("handlerType").asText())
        .containsExactly("compute", "http", "jdbc", "log", "notification", "workflow");
    assertThat(handlers.body().get("handlers"))
        .allSatisfy(h -> assertThat(h.get("status").asText()).isEqualTo("UP"));
    assertThat(handlers.body().at("/handlers/1/settings/payment").asText())
        .startsWith("http://127.0.0.1:");
  }

  @Test
  void shouldShowLatencyHistogramsOfRequestsIntentsAndOutcomesAfterAnOrder() {
    place("o-metrics", "carol");
    awaitEnd("o-metrics", "COMPLETED");

    String metrics = node.getText("/metrics");

    assertThat(metrics)
        .contains(
            "onex_http_requests_seconds_bucket{method=\"POST\",route=\"/v1/workflows/{type}/instances\",status=\"201\"")
        .contains(
            "onex_http_requests_seconds_bucket{method=\"POST\",route=\"/v1/workflows/{type}/instances/{id}/actions\",status=\"200\"")
        .contains(
            "onex_intent_duration_seconds_bucket{handler=\"http\",outcome=\"succeeded\",target=\"shipping\"")
        .contains("onex_outcome_delivery_seconds_bucket{")
        .contains("onex_action_apply_seconds_bucket{type=\"order\"")
        .contains("onex_journal_write_seconds_bucket{type=\"order\"")
        .contains("jvm_memory_used_bytes")
        .contains("process_cpu_usage");
    assertThat(gauge(metrics, "onex_instances_active")).isGreaterThanOrEqualTo(1);
    assertThat(gauge(metrics, "onex_timers_pending")).isGreaterThanOrEqualTo(0);
    assertThat(gauge(metrics, "onex_index_lag")).isGreaterThanOrEqualTo(-1);
    // measured every lag-interval: unfinished instances that no node holds in memory
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gauge(node.getText("/metrics"), "onex_instances_passivated") >= 0);
  }

  /** The value of the unlabelled gauge {@code name} in a Prometheus text exposition. */
  private static double gauge(String metrics, String name) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no gauge " + name + " in /metrics"));
  }
}
