package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.testing.HttpCalls;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workflow specs over HTTP: schema, registration (JSON and YAML), refusals, rollout, a run. */
class SpecApiTest {

  @TempDir static Path dataDir;
  static GatewayNode node;

  static final String GREETING =
      """
      type: greeting
      version: %d
      input:
        type: object
        required: [who]
      steps:
        - name: greet
          handler: log
          target: greetings
          input:
            who.$: /input/who
      """;

  @BeforeAll
  static void start() {
    node = GatewayNode.startWithOrchestrator(Map.of("onex.data-dir", dataDir.toString()));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Response put(String path, String contentType, String body) {
    return HttpCalls.send(
        HttpRequest.newBuilder(URI.create(node.base() + path))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void theSpecSchemaIsPublished() {
    Response schema = node.get("/v1/schemas/workflow-spec");
    assertThat(schema.status()).isEqualTo(200);
    assertThat(schema.contentType()).startsWith("application/schema+json");
    assertThat(schema.body().at("/$defs/step/properties/onFailure/enum").toString())
        .isEqualTo("[\"abort\",\"skip\",\"compensate\"]");
  }

  @Test
  void aSpecRegisteredOverHttpRunsAndItsRegistrationIsIdempotent() {
    Response created =
        put("/v1/workflows/greeting/versions/1", "application/yaml", GREETING.formatted(1));
    Response again =
        put("/v1/workflows/greeting/versions/1", "application/yaml", GREETING.formatted(1));
    Response conflict =
        put(
            "/v1/workflows/greeting/versions/1",
            "application/yaml",
            GREETING.formatted(1).replace("greetings", "farewells"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("created").asBoolean()).isTrue();
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("created").asBoolean()).isFalse();
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.contentType()).startsWith("application/problem+json");
    assertThat(conflict.body().path("type").asText()).endsWith("/spec-conflict");
    assertThat(node.get("/v1/workflows/greeting/versions/1").body().at("/steps/0/target").asText())
        .isEqualTo("greetings");
    // what GET gives back registers as the same version again
    String asRegistered = node.get("/v1/workflows/greeting/versions/1").body().toString();
    assertThat(put("/v1/workflows/greeting/versions/1", "application/json", asRegistered).status())
        .isEqualTo(200);

    Response start =
        node.post(
            "/v1/workflows/greeting/instances",
            "{\"instanceId\": \"g-1\", \"input\": {\"who\": \"ann\"}}");
    assertThat(start.status()).isEqualTo(201);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                node.get("/v1/workflows/greeting/instances/g-1")
                    .body()
                    .path("status")
                    .asText()
                    .equals("COMPLETED"));
    JsonNode history = node.get("/v1/workflows/greeting/instances/g-1/history").body();
    assertThat(history.toString()).contains("\"step\":\"greet\",\"status\":\"COMPLETED\"");
    Response badInput =
        node.post("/v1/workflows/greeting/instances", "{\"instanceId\": \"g-2\", \"input\": {}}");
    assertThat(badInput.status()).isEqualTo(422);
  }

  @Test
  void anInvalidSpecIsRefusedWithEachFieldAndNothingIsRegistered() {
    Response refused =
        put(
            "/v1/workflows/broken/versions/1",
            "application/json",
            """
            {"type": "broken", "version": 1, "coordination": "PARALLEL", "steps": [
              {"name": "a", "handler": "carrier-pigeon", "target": "x"},
              {"name": "b", "handler": "http", "target": "x", "dependsOn": ["c"]},
              {"name": "c", "handler": "http", "target": "x", "dependsOn": ["b"],
               "input": {"v.$": "/steps/nowhere/result"}}]}
            """);
    Response mismatch =
        put(
            "/v1/workflows/broken/versions/2",
            "application/json",
            "{\"type\": \"other\", \"version\": 1, \"steps\": [{\"name\": \"a\", \"timer\": \"1s\"}]}");
    Response notJson = put("/v1/workflows/broken/versions/3", "application/json", "{oops");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().path("errors").findValuesAsText("pointer"))
        .containsExactlyInAnyOrder("/steps/0/handler", "/steps/1/dependsOn", "/steps/2/input/v.$");
    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(mismatch.body().path("errors").findValuesAsText("pointer"))
        .containsExactlyInAnyOrder("/type", "/version");
    assertThat(notJson.status()).isEqualTo(422);
    assertThat(node.get("/v1/workflows/broken/versions/1").status()).isEqualTo(404);
    assertThat(node.get("/v1/workflows").body().toString()).doesNotContain("\"broken\"");
  }

  @Test
  void aRolloutIsSetAndShownWithTheVersions() {
    put(
        "/v1/workflows/rolled/versions/1",
        "application/yaml",
        GREETING.formatted(1).replace("greeting", "rolled"));
    put(
        "/v1/workflows/rolled/versions/2",
        "application/yaml",
        GREETING.formatted(2).replace("greeting", "rolled"));

    Response rollout =
        HttpCalls.send(
            HttpRequest.newBuilder(URI.create(node.base() + "/v1/workflows/rolled/rollout"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"version\": 2, \"percent\": 10}")));
    Response tooMuch =
        put(
            "/v1/workflows/rolled/rollout",
            "application/json",
            "{\"version\": 2, \"percent\": 150}");
    Response unknown =
        put("/v1/workflows/rolled/rollout", "application/json", "{\"version\": 9, \"percent\": 5}");

    assertThat(rollout.status()).isEqualTo(200);
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(404);
    JsonNode rolled = null;
    for (JsonNode workflow : node.get("/v1/workflows").body().path("workflows")) {
      if (workflow.path("type").asText().equals("rolled")) {
        rolled = workflow;
      }
    }
    assertThat(rolled).isNotNull();
    assertThat(rolled.path("rollout").toString()).isEqualTo("{\"version\":2,\"percent\":10}");
    assertThat(rolled.path("versions").findValuesAsText("spec")).containsExactly("true", "true");
  }
}
