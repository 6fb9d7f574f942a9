package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.samples.TestNode.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API as a client sees it: listing, health, and every kind of bad input answered with
 * application/problem+json and without any change to the instance.
 */
class GatewayApiTest {

  @TempDir static Path dataDir;
  private static TestNode node;

  private static final String ORDERS = "/v1/workflows/order/instances";

  @BeforeAll
  static void startNode() {
    node =
        TestNode.start(
            Map.of("onex.data-dir", dataDir.toString(), "onex.http.max-body-size", "4 KiB"));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Nested
  class Reading {

    @Test
    void shouldListEveryWorkflowTypeWithVersionAndSchemas() {
      Response response = node.get("/v1/workflows");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.contentType()).startsWith("application/json");
      JsonNode workflows = response.body().get("workflows");
      assertThat(workflows)
          .extracting(w -> w.get("type").asText())
          .containsExactly("onboarding", "order");
      JsonNode order = workflows.get(1);
      assertThat(order.get("version").asInt()).isEqualTo(1);
      JsonNode schemas = order.at("/versions/0/schemas");
      assertThat(schemas.at("/start/required/0").asText()).isEqualTo("customerId");
      assertThat(schemas.get("actions").fieldNames())
          .toIterable()
          .containsExactlyInAnyOrder("AddItem", "RemoveItem", "PlaceOrder", "Cancel");
      assertThat(schemas.at("/state/properties/phase")).isNotNull();
    }

    @Test
    void shouldReportUpWithItsChecks() {
      Response response = node.get("/health");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text("status")).isEqualTo("UP");
      assertThat(response.body().at("/checks/journal/status").asText()).isEqualTo("UP");
      assertThat(response.body().at("/checks/cluster/status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldGenerateAnInstanceIdWhenTheStartNamesNone() {
      Response started = node.post(ORDERS, "{\"input\":{\"customerId\":\"bob\"}}");

      assertThat(started.status()).isEqualTo(201);
      assertThat(started.text("instanceId")).isNotBlank();
      assertThat(started.text("status")).isEqualTo("PENDING");
      assertThat(started.body().fieldNames())
          .toIterable()
          .contains(
              "type", "instanceId", "status", "sequence", "epoch", "definitionVersion", "state");
      assertThat(node.get(ORDERS + "/" + started.text("instanceId")).status()).isEqualTo(200);
    }
  }

  @Nested
  class BadInput {

    private String id;

    @BeforeEach
    void startOrder() {
      id = "bad-" + System.nanoTime();
      Response started =
          node.post(ORDERS, "{\"instanceId\":\"" + id + "\",\"input\":{\"customerId\":\"carol\"}}");
      assertThat(started.status()).isEqualTo(201);
    }

    private String actions() {
      return ORDERS + "/" + id + "/actions";
    }

    private JsonNode expectProblem(Response response, int status, String code) {
      assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
      assertThat(response.contentType()).isEqualTo("application/problem+json");
      JsonNode problem = response.body();
      assertThat(problem.get("type").asText()).endsWith("/" + code);
      assertThat(problem.get("status").asInt()).isEqualTo(status);
      assertThat(problem.get("title").asText()).isNotBlank();
      assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("\tat ");
      assertThat(problem.get("instance").asText()).startsWith("/");
      return problem;
    }

    private void expectUnchanged() {
      Response instance = node.get(ORDERS + "/" + id);
      assertThat(instance.body().get("sequence").asLong()).isEqualTo(1);
      assertThat(instance.text("status")).isEqualTo("PENDING");
      Response history = node.get(ORDERS + "/" + id + "/history");
      assertThat(history.body().get("events")).hasSize(1);
    }

    @Test
    void shouldAnswer400ForMalformedJson() {
      expectProblem(node.post(actions(), "{\"type\": AddItem"), 400, "malformed-json");
      expectUnchanged();
    }

    @Test
    void shouldAnswer400ForAnActionWithoutType() {
      JsonNode problem =
          expectProblem(node.post(actions(), "{\"payload\":{}}"), 400, "invalid-request");
      assertThat(problem.get("field").asText()).isEqualTo("type");
      expectUnchanged();
    }

    @Test
    void shouldAnswer404ForAnUnknownWorkflowType() {
      expectProblem(
          node.post("/v1/workflows/invoice/instances", "{}"), 404, "unknown-workflow-type");
      expectProblem(
          node.post("/v1/workflows/invoice/instances/" + id + "/actions", "{\"type\":\"X\"}"),
          404,
          "unknown-workflow-type");
      expectUnchanged();
    }

    @Test
    void shouldAnswer404ForAnInstanceNeverStarted() {
      expectProblem(node.get(ORDERS + "/ghost"), 404, "instance-not-found");
      expectProblem(
          node.post(ORDERS + "/ghost/actions", "{\"type\":\"PlaceOrder\"}"),
          404,
          "instance-not-found");
      expectProblem(node.get(ORDERS + "/ghost/history"), 404, "instance-not-found");
    }

    @Test
    void shouldAnswer422NamingTheFieldThatViolatesTheSchema() {
      JsonNode problem =
          expectProblem(
              node.post(
                  actions(),
                  "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"book\",\"quantity\":0,\"unitPrice\":1}}"),
              422,
              "invalid-payload");
      assertThat(problem.get("field").asText()).isEqualTo("/quantity");

      JsonNode missing =
          expectProblem(
              node.post(
                  actions(), "{\"type\":\"AddItem\",\"payload\":{\"quantity\":1,\"unitPrice\":1}}"),
              422,
              "invalid-payload");
      assertThat(missing.get("field").asText()).isEqualTo("/sku");
      expectUnchanged();
    }

    @Test
    void shouldAnswer422ForAStartInputThatViolatesTheSchema() {
      JsonNode problem =
          expectProblem(
              node.post(ORDERS, "{\"instanceId\":\"no-customer\",\"input\":{}}"),
              422,
              "invalid-payload");
      assertThat(problem.get("field").asText()).isEqualTo("/customerId");
      expectProblem(node.get(ORDERS + "/no-customer"), 404, "instance-not-found");
    }

    @Test
    void shouldAnswer422ForAnActionTheWorkflowDoesNotKnow() {
      expectProblem(node.post(actions(), "{\"type\":\"Teleport\"}"), 422, "unknown-action");
      expectUnchanged();
    }

    @Test
    void shouldAnswer409NamingTheReasonWhenTheReducerRejects() {
      JsonNode problem =
          expectProblem(
              node.post(actions(), "{\"type\":\"PlaceOrder\"}"), 409, "transition-rejected");
      assertThat(problem.get("reason").asText()).isEqualTo("order-empty");
      assertThat(problem.get("detail").asText())
          .isEqualTo("Expected to place order '" + id + "', but it has no items");
      expectUnchanged();
    }

    @Test
    void shouldAnswer409NamingBothEpochsOnAnEpochConflict() {
      JsonNode problem =
          expectProblem(
              node.post(
                  actions(),
                  "{\"type\":\"AddItem\",\"expectedEpoch\":3,\"payload\":{\"sku\":\"a\",\"quantity\":1,\"unitPrice\":1}}"),
              409,
              "epoch-conflict");
      assertThat(problem.get("detail").asText()).contains("at epoch 3").contains("at epoch 0");
      expectUnchanged();
      assertThat(
              node.post(
                      actions(),
                      "{\"type\":\"AddItem\",\"expectedEpoch\":0,\"payload\":{\"sku\":\"a\",\"quantity\":1,\"unitPrice\":1}}")
                  .status())
          .isEqualTo(200);
    }

    @Test
    void shouldAnswer409ForAnActionPastItsExpiry() {
      expectProblem(
          node.post(
              actions(),
              "{\"type\":\"AddItem\",\"expiresAt\":\"2020-01-01T00:00:00Z\",\"payload\":{\"sku\":\"a\",\"quantity\":1,\"unitPrice\":1}}"),
          409,
          "action-expired");
      JsonNode badInstant =
          expectProblem(
              node.post(actions(), "{\"type\":\"PlaceOrder\",\"expiresAt\":\"tomorrow\"}"),
              400,
              "invalid-request");
      assertThat(badInstant.get("field").asText()).isEqualTo("expiresAt");
      expectUnchanged();
      assertThat(
              node.post(
                      actions(),
                      "{\"type\":\"AddItem\",\"expiresAt\":\"2999-01-01T00:00:00Z\",\"payload\":{\"sku\":\"a\",\"quantity\":1,\"unitPrice\":1}}")
                  .status())
          .isEqualTo(200);
    }

    @Test
    void shouldAnswer409WhenStartingAnExistingInstance() {
      expectProblem(
          node.post(ORDERS, "{\"instanceId\":\"" + id + "\",\"input\":{\"customerId\":\"eve\"}}"),
          409,
          "instance-already-exists");
      assertThat(node.get(ORDERS + "/" + id).body().at("/state/customerId").asText())
          .isEqualTo("carol");
      expectUnchanged();
    }

    @Test
    void shouldAnswer409ForEveryActionOnAnEndedInstance() {
      assertThat(
              node.post(actions(), "{\"type\":\"Cancel\",\"payload\":{\"reason\":\"test\"}}")
                  .status())
          .isEqualTo(200);

      JsonNode problem =
          expectProblem(
              node.post(
                  actions(),
                  "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"a\",\"quantity\":1,\"unitPrice\":1}}"),
              409,
              "instance-closed");
      assertThat(problem.get("instanceStatus").asText()).isEqualTo("CANCELLED");
      assertThat(node.get(ORDERS + "/" + id + "/history").body().get("events")).hasSize(2);
    }

    @Test
    void shouldAnswer413ForABodyOverTheLimit() {
      String sku = "x".repeat(5000);
      expectProblem(
          node.post(actions(), "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"" + sku + "\"}}"),
          413,
          "payload-too-large");

      // without a declared length the limit is enforced while the body streams in
      var chunked =
          HttpRequest.newBuilder(URI.create(baseOf(node) + actions()))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofInputStream(
                      () ->
                          new java.io.ByteArrayInputStream(
                              ("{\"type\":\"" + sku + "\"}").getBytes())));
      expectProblem(TestNode.send(chunked), 413, "payload-too-large");
      expectUnchanged();
    }

    @Test
    void shouldAnswer400ForIdentifiersOutsideTheAlphabetOrTooLong() {
      JsonNode badId =
          expectProblem(
              node.post(ORDERS, "{\"instanceId\":\"a b\",\"input\":{\"customerId\":\"x\"}}"),
              400,
              "invalid-identifier");
      assertThat(badId.get("field").asText()).isEqualTo("instanceId");
      expectProblem(node.get(ORDERS + "/" + "i".repeat(201)), 400, "invalid-identifier");
      expectProblem(node.get("/v1/workflows/ord%24er/instances/x"), 400, "invalid-identifier");
      assertThat(node.get(ORDERS + "/" + "i".repeat(200)).status()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400ForAHistoryPageOutOfRange() {
      expectProblem(node.get(ORDERS + "/" + id + "/history?limit=0"), 400, "invalid-request");
      expectProblem(node.get(ORDERS + "/" + id + "/history?fromSeq=abc"), 400, "invalid-request");
    }

    @Test
    void shouldAnswerProblemsForUnknownPathsAndMethods() {
      expectProblem(node.get("/v2/nothing"), 404, "not-found");
      expectProblem(
          TestNode.send(
              HttpRequest.newBuilder(URI.create(baseOf(node) + "/v1/workflows")).DELETE()),
          405,
          "method-not-allowed");
    }

    private static String baseOf(TestNode node) {
      return "http://127.0.0.1:" + node.node().port();
    }
  }
}
