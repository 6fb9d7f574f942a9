package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.testing.HttpCalls.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user's view of durability: drive workflows over HTTP, stop the node's actor system, start a new
 * node on the same journal, and find every instance and its history exactly as they were.
 */
abstract class NodeRestartContract {

  /** The journal settings of the database under test. */
  abstract Map<String, Object> journal();

  private static final String ORDER = "/v1/workflows/order/instances/";
  private static final String ONBOARDING = "/v1/workflows/onboarding/instances/";

  private static void expect(Response response, int status) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
  }

  private static JsonNode allHistory(TestNode node, String instancePath) {
    ArrayNode events = EngineJson.mapper().createArrayNode();
    String next = "1";
    while (next != null) {
      Response page = node.get(instancePath + "/history?fromSeq=" + next + "&limit=2");
      expect(page, 200);
      events.addAll((ArrayNode) page.body().get("events"));
      next =
          page.body().get("nextFromSeq").isNull() ? null : page.body().get("nextFromSeq").asText();
    }
    return events;
  }

  @Test
  void shouldFindEveryWorkflowExactlyAsItWasAfterANewNodeStartsOnTheSameJournal() {
    JsonNode orderBefore;
    JsonNode orderHistoryBefore;
    JsonNode onboardingBefore;
    try (TestNode node = TestNode.start(journal())) {
      expect(
          node.post(
              "/v1/workflows/order/instances",
              "{\"instanceId\":\"o-1\",\"input\":{\"customerId\":\"alice\"}}"),
          201);
      expect(
          node.post(
              ORDER + "o-1/actions",
              "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"book\",\"quantity\":2,\"unitPrice\":12.5}}"),
          200);
      expect(
          node.post(
              ORDER + "o-1/actions",
              "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"pen\",\"quantity\":3,\"unitPrice\":0.1}}"),
          200);
      expect(
          node.post(
              ORDER + "o-1/actions", "{\"type\":\"RemoveItem\",\"payload\":{\"sku\":\"pen\"}}"),
          200);
      Response placed =
          node.post(
              ORDER + "o-1/actions",
              "{\"type\":\"PlaceOrder\"}",
              "X-Correlation-Id",
              "checkout-42");
      expect(placed, 200);
      assertThat(placed.body().get("intents")).hasSize(1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> node.get(ORDER + "o-1").text("status").equals("COMPLETED"));
      expect(
          node.post(
              "/v1/workflows/onboarding/instances",
              "{\"instanceId\":\"u-1\",\"input\":{\"email\":\"ada@example.com\",\"name\":\"Ada\"}}"),
          201);
      expect(
          node.post(
              ONBOARDING + "u-1/actions",
              "{\"type\":\"VerifyEmail\",\"payload\":{\"code\":\"123456\"}}"),
          200);

      // the welcome notification's outcome is recorded before the node stops
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> node.get(ONBOARDING + "u-1").body().get("pendingIntents").isEmpty());
      orderBefore = node.get(ORDER + "o-1").body();
      orderHistoryBefore = allHistory(node, ORDER + "o-1");
      onboardingBefore = node.get(ONBOARDING + "u-1").body();
    }

    try (TestNode restarted = TestNode.start(journal())) {
      Response order = restarted.get(ORDER + "o-1");
      expect(order, 200);
      assertThat(order.body()).isEqualTo(orderBefore);
      assertThat(order.body().get("sequence").asLong()).isEqualTo(8);
      assertThat(order.body().at("/state/phase").asText()).isEqualTo("SHIPPED");
      assertThat(order.body().at("/state/total").decimalValue()).isEqualByComparingTo("25");
      JsonNode history = allHistory(restarted, ORDER + "o-1");
      assertThat(history).isEqualTo(orderHistoryBefore);
      assertThat(history).hasSize(8);
      assertThat(history.get(7).at("/correlationChain/0").asText()).isEqualTo("checkout-42");
      assertThat(restarted.get(ONBOARDING + "u-1").body()).isEqualTo(onboardingBefore);

      // the recovered instances go on where they were
      expect(
          restarted.post(
              ONBOARDING + "u-1/actions",
              "{\"type\":\"AssignRole\",\"payload\":{\"role\":\"user\"}}"),
          200);
      Response activated = restarted.post(ONBOARDING + "u-1/actions", "{\"type\":\"Activate\"}");
      expect(activated, 200);
      assertThat(activated.text("status")).isEqualTo("COMPLETED");
      assertThat(activated.body().get("sequence").asLong())
          .isGreaterThan(onboardingBefore.get("sequence").asLong() + 1);
    }
  }
}
