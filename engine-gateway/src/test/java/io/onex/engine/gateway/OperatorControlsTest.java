package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.ChoreWorkflow;
import io.onex.engine.gateway.testing.GatewayNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminate, retry, skip, migrate and bulk terminate over HTTP, each checked by the instance and
 * the history it leaves.
 */
class OperatorControlsTest {

  private static final String COUNTERS = "/v1/workflows/counter/instances";
  private static final String CHORES = "/v1/workflows/chore/instances";

  @TempDir static Path dataDir;
  private static GatewayNode node;

  @BeforeAll
  static void startNode() {
    node =
        GatewayNode.start(Map.of("onex.data-dir", dataDir.toString()), ChoreWorkflow.definition());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static Response startCounter(GatewayNode on, String id) {
    Response started =
        on.post(COUNTERS, "{\"instanceId\":\"" + id + "\",\"input\":{\"initial\":0}}");
    assertThat(started.status()).isEqualTo(201);
    return started;
  }

  private static Response act(GatewayNode on, String path, String type, String payload) {
    Response response =
        on.post(path + "/actions", "{\"type\":\"" + type + "\",\"payload\":" + payload + "}");
    assertThat(response.status()).as(path + " " + type).isEqualTo(200);
    return response;
  }

  private static List<String> actionTypes(GatewayNode on, String path) {
    List<String> types = new ArrayList<>();
    on.get(path + "/history?limit=1000")
        .body()
        .get("events")
        .forEach(event -> types.add(event.at("/action/type").asText()));
    return types;
  }

  private static JsonNode lastEvent(GatewayNode on, String path) {
    JsonNode events = on.get(path + "/history?limit=1000").body().get("events");
    return events.get(events.size() - 1);
  }

  private static void assertProblem(Response response, int status, String code) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.text("type")).endsWith("/" + code);
  }

  @Nested
  class Terminate {

    @Test
    void shouldCancelAnyUnfinishedInstanceAndIgnoreItsTimerWhenItFires() throws Exception {
      String path = COUNTERS + "/terminated";
      startCounter(node, "terminated");
      act(node, path, "Remind", "{\"delayMs\":1000}");

      Response terminated = node.post(path + "/terminate", "{\"reason\":\"stuck for good\"}");

      assertThat(terminated.status()).isEqualTo(200);
      assertThat(terminated.text("status")).isEqualTo("CANCELLED");
      assertThat(terminated.text("statusReason")).isEqualTo("stuck for good");
      assertThat(terminated.body().get("pendingIntents")).isEmpty();
      Thread.sleep(2_000);
      Response after = node.get(path);
      assertThat(after.text("status")).isEqualTo("CANCELLED");
      assertThat(after.body().get("sequence").asLong()).isEqualTo(3);
      assertThat(actionTypes(node, path)).containsExactly("$start", "Remind", "onex.Terminate");
      assertThat(lastEvent(node, path).at("/action/payload/reason").asText())
          .isEqualTo("stuck for good");
    }

    @Test
    void shouldRefuseAnEndedInstanceAMissingReasonAndAnUnknownInstance() {
      startCounter(node, "ended");
      act(node, COUNTERS + "/ended", "Finish", "{}");

      assertProblem(
          node.post(COUNTERS + "/ended/terminate", "{\"reason\":\"late\"}"),
          409,
          "instance-closed");
      assertProblem(node.post(COUNTERS + "/ended/terminate", "{}"), 400, "invalid-request");
      assertProblem(
          node.post(COUNTERS + "/never/terminate", "{\"reason\":\"x\"}"),
          404,
          "instance-not-found");
      assertThat(node.get(COUNTERS + "/ended").body().get("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnOperatorActionSentAsAnOrdinaryAction() {
      startCounter(node, "sneaky");

      Response response =
          node.post(
              COUNTERS + "/sneaky/actions",
              "{\"type\":\"onex.Terminate\",\"payload\":{\"reason\":\"x\"}}");

      assertProblem(response, 422, "unknown-action");
      assertThat(node.get(COUNTERS + "/sneaky").text("status")).isEqualTo("PENDING");
    }
  }

  @Nested
  class SkipAndRetry {

    @Test
    void shouldResolveAPendingIntentWithTheOperatorsOutcome() {
      String path = COUNTERS + "/skipped";
      startCounter(node, "skipped");
      String timer =
          act(node, path, "Remind", "{\"delayMs\":600000}")
              .body()
              .at("/intents/0/intentId")
              .asText();

      Response skipped =
          node.post(
              path + "/intents/" + timer + "/skip",
              "{\"outcome\":\"SUCCEEDED\",\"result\":{\"ok\":true},\"reason\":\"no need to wait\"}");

      assertThat(skipped.status()).isEqualTo(200);
      assertThat(skipped.body().get("pendingIntents")).isEmpty();
      JsonNode last = lastEvent(node, path);
      assertThat(last.at("/action/type").asText()).isEqualTo("IntentSucceeded");
      assertThat(last.at("/action/payload/intentId").asText()).isEqualTo(timer);
      assertThat(last.at("/action/metadata/onex.skipped").asText()).isEqualTo("no need to wait");
      assertProblem(
          node.post(
              path + "/intents/" + timer + "/skip",
              "{\"outcome\":\"SUCCEEDED\",\"reason\":\"again\"}"),
          409,
          "intent-not-pending");
      assertProblem(
          node.post(
              path + "/intents/" + timer + "/skip", "{\"outcome\":\"MAYBE\",\"reason\":\"x\"}"),
          400,
          "invalid-request");
    }

    @Test
    void shouldRunAFailedIntentAgainAndGiveItsOutcomeToTheReducer() {
      String path = CHORES + "/retried";
      assertThat(node.post(CHORES, "{\"instanceId\":\"retried\"}").status()).isEqualTo(201);
      String intent = act(node, path, "Do", "{}").body().at("/intents/0/intentId").asText();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> node.get(path).body().at("/state/failures").asInt() == 1);

      Response retried =
          node.post(path + "/intents/" + intent + "/retry", "{\"reason\":\"fixed\"}");

      assertThat(retried.status()).isEqualTo(200);
      assertThat(retried.body().at("/intents/0/intentId").asText()).isEqualTo(intent);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> node.get(path).body().at("/state/failures").asInt() == 2);
      assertThat(actionTypes(node, path))
          .containsExactly("$start", "Do", "IntentFailed", "onex.RetryIntent", "IntentFailed");
      assertProblem(
          node.post(path + "/intents/no-such-intent/retry", "{\"reason\":\"x\"}"),
          422,
          "invalid-payload");
    }

    @Test
    void shouldRefuseToRetryAnIntentThatSucceeded() {
      String path = COUNTERS + "/notified";
      startCounter(node, "notified");
      String intent =
          act(node, path, "Notify", "{\"target\":\"ops\"}")
              .body()
              .at("/intents/0/intentId")
              .asText();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> node.get(path).body().get("pendingIntents").isEmpty());

      Response refused =
          node.post(path + "/intents/" + intent + "/retry", "{\"reason\":\"again\"}");

      assertProblem(refused, 422, "invalid-payload");
      assertThat(refused.text("detail")).contains("has not failed");
    }
  }

  @Nested
  class Erase {

    @Test
    void shouldEraseAnEndedInstanceAndRefuseAnUnfinishedOne() {
      startCounter(node, "to-erase");
      act(node, COUNTERS + "/to-erase", "Finish", "{}");
      startCounter(node, "not-ended");

      Response erased =
          GatewayNode.send(
              HttpRequest.newBuilder(node.base().resolve(COUNTERS + "/to-erase")).DELETE());
      Response refused =
          GatewayNode.send(
              HttpRequest.newBuilder(node.base().resolve(COUNTERS + "/not-ended")).DELETE());

      assertThat(erased.status()).isEqualTo(204);
      assertProblem(node.get(COUNTERS + "/to-erase"), 404, "instance-not-found");
      assertThat(node.get(COUNTERS + "/to-erase/history").status()).isEqualTo(404);
      assertProblem(refused, 409, "instance-not-ended");
      assertThat(node.get(COUNTERS + "/not-ended").text("status")).isEqualTo("PENDING");
    }
  }

  @Nested
  class BulkTerminate {

    @Test
    void shouldListWhatItWouldDoOnADryRunAndThenDoIt() {
      for (String id : List.of("bulk-1", "bulk-2", "bulk-3")) {
        assertThat(node.post(CHORES, "{\"instanceId\":\"" + id + "\"}").status()).isEqualTo(201);
      }
      String query = "/v1/instances/terminate?type=chore&status=PENDING";
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  node.post(query, "{\"reason\":\"r\",\"dryRun\":true}")
                          .body()
                          .get("matched")
                          .size()
                      == 3);

      Response dryRun = node.post(query, "{\"reason\":\"clean-up\",\"dryRun\":true}");
      assertThat(dryRun.body().get("terminated")).isEmpty();
      assertThat(node.get(CHORES + "/bulk-1").text("status")).isEqualTo("PENDING");

      Response done = node.post(query, "{\"reason\":\"clean-up\"}");
      assertThat(done.status()).isEqualTo(200);
      assertThat(done.body().get("dryRun").asBoolean()).isFalse();
      assertThat(done.body().get("terminated")).hasSize(3);
      for (String id : List.of("bulk-1", "bulk-2", "bulk-3")) {
        assertThat(node.get(CHORES + "/" + id).text("status")).isEqualTo("CANCELLED");
      }
      assertProblem(node.post(query, "{}"), 400, "invalid-request");
      assertProblem(
          node.post("/v1/instances/terminate?status=NOPE", "{\"reason\":\"x\"}"),
          400,
          "invalid-request");
    }
  }

  @Nested
  class Migrate {

    @TempDir Path migrated;

    /** Version 1 as written. */
    private WorkflowRegistry original() {
      return new WorkflowRegistry().register(CounterWorkflow.definition(1, 1));
    }

    /** Version 1 changed so that it no longer agrees, a version 2 that does, a 3 that does not. */
    private WorkflowRegistry changed() {
      return new WorkflowRegistry()
          .register(CounterWorkflow.definition(1, 3))
          .register(CounterWorkflow.definition(2, 1))
          .register(CounterWorkflow.definition(3, 5));
    }

    @Test
    void shouldRescueADivergedInstanceWithAVersionThatReplaysItsHistory() {
      String path = COUNTERS + "/rescued";
      Map<String, Object> settings = Map.of("onex.data-dir", migrated.toString());
      try (GatewayNode first = GatewayNode.startWith(settings, original())) {
        startCounter(first, "rescued");
        act(first, path, "Increment", "{\"by\":2}");
      }
      // version 1 changed: it no longer reproduces the history
      try (GatewayNode changed = GatewayNode.startWith(settings, changed())) {
        assertThat(changed.get(path).text("status")).isEqualTo("DIVERGED");

        assertProblem(
            changed.post(path + "/migrate", "{\"definitionVersion\":3}"), 409, "migration-refused");
        assertThat(changed.post(path + "/migrate", "{\"definitionVersion\":3}").text("detail"))
            .contains("event 2");
        Response moved = changed.post(path + "/migrate", "{\"definitionVersion\":2}");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.text("status")).isEqualTo("RUNNING");
        assertThat(moved.body().get("definitionVersion").asInt()).isEqualTo(2);
        assertThat(moved.body().at("/state/value").asInt()).isEqualTo(2);
        act(changed, path, "Increment", "{\"by\":1}");
        assertThat(actionTypes(changed, path))
            .containsExactly("$start", "Increment", "onex.Migrate", "Increment");
        assertProblem(
            changed.post(path + "/migrate", "{\"definitionVersion\":9}"),
            404,
            "unknown-workflow-type");
      }
      // recovery starts over from the migration: the instance no longer diverges
      try (GatewayNode again = GatewayNode.startWith(settings, changed())) {
        Response recovered = again.get(path);
        assertThat(recovered.text("status")).isEqualTo("RUNNING");
        assertThat(recovered.body().get("definitionVersion").asInt()).isEqualTo(2);
        assertThat(recovered.body().at("/state/value").asInt()).isEqualTo(3);
        assertThat(again.get(path + "/state?atSeq=4").body().at("/state/value").asInt())
            .isEqualTo(3);
      }
    }
  }
}
