package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
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
  private static GatewayNode node;

  private static final String COUNTERS = "/v1/workflows/counter/instances";

  @BeforeAll
  static void startNode() {
    node =
        GatewayNode.start(
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
          .containsExactly("counter", "fenced-counter");
      JsonNode counter = workflows.get(0);
      assertThat(counter.get("version").asInt()).isEqualTo(1);
      JsonNode schemas = counter.at("/versions/0/schemas");
      assertThat(schemas.at("/start/required/0").asText()).isEqualTo("initial");
      assertThat(schemas.get("actions").fieldNames())
          .toIterable()
          .containsExactlyInAnyOrder(
              "Increment", "Decrement", "Notify", "Finish", "Remind", "Abandon");
      assertThat(schemas.at("/state/type").asText()).isEqualTo("object");
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
      Response started = node.post(COUNTERS, "{\"input\":{\"initial\":1}}");

      assertThat(started.status()).isEqualTo(201);
      assertThat(started.text("instanceId")).isNotBlank();
      assertThat(started.text("status")).isEqualTo("PENDING");
      assertThat(started.body().fieldNames())
          .toIterable()
          .contains(
              "type", "instanceId", "status", "sequence", "epoch", "definitionVersion", "state");
      assertThat(node.get(COUNTERS + "/" + started.text("instanceId")).status()).isEqualTo(200);
    }
  }

  @Nested
  class BadInput {

    private String id;

    @BeforeEach
    void startCounter() {
      id = "bad-" + System.nanoTime();
      Response started =
          node.post(COUNTERS, "{\"instanceId\":\"" + id + "\",\"input\":{\"initial\":0}}");
      assertThat(started.status()).isEqualTo(201);
    }

    private String actions() {
      return COUNTERS + "/" + id + "/actions";
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
      Response instance = node.get(COUNTERS + "/" + id);
      assertThat(instance.body().get("sequence").asLong()).isEqualTo(1);
      assertThat(instance.text("status")).isEqualTo("PENDING");
      Response history = node.get(COUNTERS + "/" + id + "/history");
      assertThat(history.body().get("events")).hasSize(1);
    }

    @Test
    void shouldAnswer400ForMalformedJson() {
      expectProblem(node.post(actions(), "{\"type\": Increment"), 400, "malformed-json");
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
    void shouldAnswerAnUnknownPathOrMethodWithAProblemNamingThePath() {
      JsonNode unknown = expectProblem(node.get("/v1/nothing-here/" + id), 404, "not-found");
      assertThat(unknown.get("instance").asText()).isEqualTo("/v1/nothing-here/" + id);
      Response wrongMethod =
          GatewayNode.send(
              HttpRequest.newBuilder(URI.create(node.base() + actions()))
                  .PUT(HttpRequest.BodyPublishers.ofString("{}")));
      JsonNode notAllowed = expectProblem(wrongMethod, 405, "method-not-allowed");
      assertThat(notAllowed.get("instance").asText()).isEqualTo(actions());
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
      expectProblem(node.get(COUNTERS + "/ghost"), 404, "instance-not-found");
      expectProblem(
          node.post(COUNTERS + "/ghost/actions", "{\"type\":\"Finish\"}"),
          404,
          "instance-not-found");
      expectProblem(node.get(COUNTERS + "/ghost/history"), 404, "instance-not-found");
    }

    @Test
    void shouldAnswer422NamingTheFieldThatViolatesTheSchema() {
      JsonNode problem =
          expectProblem(
              node.post(actions(), "{\"type\":\"Increment\",\"payload\":{\"by\":0}}"),
              422,
              "invalid-payload");
      assertThat(problem.get("field").asText()).isEqualTo("/by");

      JsonNode missing =
          expectProblem(
              node.post(actions(), "{\"type\":\"Increment\",\"payload\":{}}"),
              422,
              "invalid-payload");
      assertThat(missing.get("field").asText()).isEqualTo("/by");
      expectUnchanged();
    }

    @Test
    void shouldAnswer422ForAStartInputThatViolatesTheSchema() {
      JsonNode problem =
          expectProblem(
              node.post(COUNTERS, "{\"instanceId\":\"no-initial\",\"input\":{}}"),
              422,
              "invalid-payload");
      assertThat(problem.get("field").asText()).isEqualTo("/initial");
      expectProblem(node.get(COUNTERS + "/no-initial"), 404, "instance-not-found");
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
              node.post(actions(), "{\"type\":\"Decrement\",\"payload\":{\"by\":5}}"),
              409,
              "transition-rejected");
      assertThat(problem.get("reason").asText()).isEqualTo("counter-negative");
      assertThat(problem.get("detail").asText())
          .isEqualTo("Expected counter '" + id + "' to stay at or above zero, but 0 - 5 is below");
      expectUnchanged();
    }

    @Test
    void shouldAnswer409NamingBothEpochsOnAnEpochConflict() {
      JsonNode problem =
          expectProblem(
              node.post(
                  actions(), "{\"type\":\"Increment\",\"expectedEpoch\":3,\"payload\":{\"by\":1}}"),
              409,
              "epoch-conflict");
      assertThat(problem.get("detail").asText()).contains("at epoch 3").contains("at epoch 0");
      expectUnchanged();
      assertThat(
              node.post(
                      actions(),
                      "{\"type\":\"Increment\",\"expectedEpoch\":0,\"payload\":{\"by\":1}}")
                  .status())
          .isEqualTo(200);
    }

    @Test
    void shouldAnswer409ForAnActionPastItsExpiry() {
      expectProblem(
          node.post(
              actions(),
              "{\"type\":\"Increment\",\"expiresAt\":\"2020-01-01T00:00:00Z\",\"payload\":{\"by\":1}}"),
          409,
          "action-expired");
      JsonNode badInstant =
          expectProblem(
              node.post(actions(), "{\"type\":\"Finish\",\"expiresAt\":\"tomorrow\"}"),
              400,
              "invalid-request");
      assertThat(badInstant.get("field").asText()).isEqualTo("expiresAt");
      expectUnchanged();
      assertThat(
              node.post(
                      actions(),
                      "{\"type\":\"Increment\",\"expiresAt\":\"2999-01-01T00:00:00Z\",\"payload\":{\"by\":1}}")
                  .status())
          .isEqualTo(200);
    }

    @Test
    void shouldAnswer409WhenStartingAnExistingInstance() {
      expectProblem(
          node.post(COUNTERS, "{\"instanceId\":\"" + id + "\",\"input\":{\"initial\":7}}"),
          409,
          "instance-already-exists");
      assertThat(node.get(COUNTERS + "/" + id).body().at("/state/value").asInt()).isZero();
      expectUnchanged();
    }

    @Test
    void shouldAnswer409ForEveryActionOnAnEndedInstance() {
      assertThat(
              node.post(actions(), "{\"type\":\"Abandon\",\"payload\":{\"reason\":\"test\"}}")
                  .status())
          .isEqualTo(200);

      JsonNode problem =
          expectProblem(
              node.post(actions(), "{\"type\":\"Increment\",\"payload\":{\"by\":1}}"),
              409,
              "instance-closed");
      assertThat(problem.get("instanceStatus").asText()).isEqualTo("CANCELLED");
      assertThat(node.get(COUNTERS + "/" + id + "/history").body().get("events")).hasSize(2);
    }

    @Test
    void shouldAnswer413ForABodyOverTheLimit() {
      String target = "x".repeat(5000);
      expectProblem(
          node.post(actions(), "{\"type\":\"Notify\",\"payload\":{\"target\":\"" + target + "\"}}"),
          413,
          "payload-too-large");

      // without a declared length the limit is enforced while the body streams in
      var chunked =
          HttpRequest.newBuilder(URI.create(node.base() + actions()))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofInputStream(
                      () ->
                          new java.io.ByteArrayInputStream(
                              ("{\"type\":\"" + target + "\"}").getBytes())));
      expectProblem(GatewayNode.send(chunked), 413, "payload-too-large");
      expectUnchanged();
    }

    @Test
    void shouldAnswer400ForIdentifiersOutsideTheAlphabetOrTooLong() {
      JsonNode badId =
          expectProblem(
              node.post(COUNTERS, "{\"instanceId\":\"a b\",\"input\":{\"initial\":1}}"),
              400,
              "invalid-identifier");
      assertThat(badId.get("field").asText()).isEqualTo("instanceId");
      expectProblem(node.get(COUNTERS + "/" + "i".repeat(201)), 400, "invalid-identifier");
      expectProblem(node.get("/v1/workflows/coun%24ter/instances/x"), 400, "invalid-identifier");
      assertThat(node.get(COUNTERS + "/" + "i".repeat(200)).status()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400ForAHistoryPageOutOfRange() {
      expectProblem(node.get(COUNTERS + "/" + id + "/history?limit=0"), 400, "invalid-request");
      expectProblem(node.get(COUNTERS + "/" + id + "/history?fromSeq=abc"), 400, "invalid-request");
      // a page is capped at onex.http.history-max-limit (1000 by default): a larger one is refused
      expectProblem(node.get(COUNTERS + "/" + id + "/history?limit=1001"), 400, "invalid-request");
      assertThat(node.get(COUNTERS + "/" + id + "/history?limit=1000").status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerProblemsForUnknownPathsAndMethods() {
      expectProblem(node.get("/v2/nothing"), 404, "not-found");
      expectProblem(
          GatewayNode.send(
              HttpRequest.newBuilder(URI.create(node.base() + "/v1/workflows")).DELETE()),
          405,
          "method-not-allowed");
    }
  }
}
