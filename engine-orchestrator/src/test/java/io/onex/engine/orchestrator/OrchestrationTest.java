package io.onex.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.StepRecord;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.orchestrator.testing.SpecNode;
import io.onex.engine.orchestrator.testing.TestServices;
import io.onex.engine.orchestrator.testing.TestServices.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec workflows against real local HTTP services, on one node. */
class OrchestrationTest {

  @TempDir static Path dataDir;
  static TestServices services;
  static SpecNode node;

  @BeforeAll
  static void start() {
    services = new TestServices().delay(Duration.ofMillis(30));
    node = SpecNode.start(SpecNode.config(dataDir, services, Map.of()));
  }

  @AfterAll
  static void stop() {
    node.close();
    services.close();
  }

  static WorkflowSpec register(String json) {
    JsonNode document = WorkflowSpecs.read(json);
    return node.specs()
        .register(document.path("type").asText(), document.path("version").asInt(), document)
        .toCompletableFuture()
        .join()
        .spec();
  }

  static InstanceView run(String type, String id, String input) {
    node.engine()
        .client()
        .start(type, StartRequest.of(id, EngineJson.mapper().valueToTree(json(input))))
        .toCompletableFuture()
        .join();
    return node.engine()
        .client()
        .instance(type, id)
        .awaitEnd(Duration.ofSeconds(30))
        .toCompletableFuture()
        .join();
  }

  static JsonNode json(String text) {
    return WorkflowSpecs.read(text.startsWith("{") ? text : "{}");
  }

  static List<WorkflowEvent> history(String type, String id) {
    return node.engine().client().history().export(type, id).toCompletableFuture().join();
  }

  static List<StepRecord> stepRecords(String type, String id) {
    return history(type, id).stream().flatMap(e -> e.steps().stream()).toList();
  }

  @Test
  void aDagRunsEachLevelConcurrentlyAndJoinsBeforeTheNext() {
    services.delay("work/b", Duration.ofMillis(400)).delay("work/c", Duration.ofMillis(400));
    register(
        """
        {"type": "dag", "version": 1, "coordination": "PARALLEL",
         "input": {"type": "object", "required": ["order"]},
         "steps": [
           {"name": "a", "handler": "http", "target": "work", "metadata": {"path": "/a"},
            "input": {"order.$": "/input/order"}},
           {"name": "b", "handler": "http", "target": "work", "metadata": {"path": "/b"},
            "dependsOn": ["a"], "input": {"from.$": "$.steps.a.result.path"}},
           {"name": "c", "handler": "http", "target": "work", "metadata": {"path": "/c"},
            "dependsOn": ["a"]},
           {"name": "d", "handler": "http", "target": "work", "metadata": {"path": "/d"},
            "dependsOn": ["b", "c"], "input": {"b.$": "/steps/b/result/call", "c.$": "/steps/c/result/path"}},
           {"name": "e", "handler": "http", "target": "work", "metadata": {"path": "/e"},
            "dependsOn": ["b", "c"]}
         ],
         "output": {"d.$": "/steps/d/result/body"}}
        """);

    InstanceView done = run("dag", "dag-1", "{\"order\": \"o-7\"}");

    assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
    Call a = services.calls("work/a").get(0);
    Call b = services.calls("work/b").get(0);
    Call c = services.calls("work/c").get(0);
    Call d = services.calls("work/d").get(0);
    Call e = services.calls("work/e").get(0);
    assertThat(a.body().path("order").asText()).isEqualTo("o-7");
    assertThat(b.body().path("from").asText()).isEqualTo("work/a");
    // b and c ran at the same time; d and e started only after both had ended, and overlapped
    assertThat(b.startedNanos()).isLessThan(c.endedNanos());
    assertThat(c.startedNanos()).isLessThan(b.endedNanos());
    assertThat(b.startedNanos()).isGreaterThan(a.endedNanos());
    long joined = Math.max(b.endedNanos(), c.endedNanos());
    assertThat(d.startedNanos()).isGreaterThan(joined);
    assertThat(e.startedNanos()).isGreaterThan(joined);
    assertThat(d.startedNanos()).isLessThan(e.endedNanos());
    JsonNode state = done.state();
    assertThat(state.at("/steps/d/status").asText()).isEqualTo("COMPLETED");
    assertThat(state.at("/steps/a/result/body/order").asText()).isEqualTo("o-7");
    assertThat(state.at("/output/d").toString()).isEqualTo("{\"b\":1,\"c\":\"work/c\"}");
    assertThat(stepRecords("dag", "dag-1"))
        .filteredOn(r -> r.status().equals("COMPLETED"))
        .extracting(StepRecord::step)
        .containsExactlyInAnyOrder("a", "b", "c", "d", "e");
  }

  @Test
  void aFailingStepIsRetriedUntilItSucceeds() {
    services.failFirst("work/flaky", 2);
    register(
        """
        {"type": "retrying", "version": 1,
         "steps": [
           {"name": "flaky", "handler": "http", "target": "work", "metadata": {"path": "/flaky"},
            "retry": {"maxAttempts": 3, "initialBackoff": "50ms", "maxBackoff": "100ms"}}
         ]}
        """);

    InstanceView done = run("retrying", "r-1", "{}");

    assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(services.calls("work/flaky")).hasSize(3);
    assertThat(done.state().at("/steps/flaky/attempts").asInt()).isEqualTo(3);
    assertThat(stepRecords("retrying", "r-1"))
        .contains(new StepRecord("flaky", "COMPLETED", "attempt 3"));
  }

  @Test
  void aSkippedStepLetsTheWorkflowGoOn() {
    services.refuse("work/optional");
    register(
        """
        {"type": "skipping", "version": 1,
         "steps": [
           {"name": "optional", "handler": "http", "target": "work", "metadata": {"path": "/optional"},
            "onFailure": "skip"},
           {"name": "after", "handler": "http", "target": "work", "metadata": {"path": "/after-skip"}}
         ]}
        """);

    InstanceView done = run("skipping", "s-1", "{}");

    assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(done.state().at("/steps/optional/status").asText()).isEqualTo("SKIPPED");
    assertThat(done.state().at("/steps/optional/error").asText()).contains("422");
    assertThat(services.calls("work/after-skip")).hasSize(1);
    assertThat(stepRecords("skipping", "s-1")).extracting(StepRecord::status).contains("SKIPPED");
  }

  @Test
  void anAbortingStepFailsTheInstanceAndNothingAfterItRuns() {
    services.refuse("work/broken");
    register(
        """
        {"type": "aborting", "version": 1,
         "steps": [
           {"name": "broken", "handler": "http", "target": "work", "metadata": {"path": "/broken"}},
           {"name": "never", "handler": "http", "target": "work", "metadata": {"path": "/never"}}
         ]}
        """);

    InstanceView done = run("aborting", "ab-1", "{}");

    assertThat(done.status()).isEqualTo(InstanceStatus.FAILED);
    assertThat(done.statusReason()).startsWith("step 'broken' failed:");
    assertThat(done.state().at("/steps/never/status").asText()).isEqualTo("CANCELLED");
    assertThat(services.calls("work/never")).isEmpty();
  }

  @Test
  void compensationUndoesTheCompletedStepsInReverseOrder() {
    services.refuse("work/charge");
    register(
        """
        {"type": "saga", "version": 1,
         "steps": [
           {"name": "first", "handler": "http", "target": "work", "metadata": {"path": "/first"},
            "compensation": {"handler": "http", "target": "work", "metadata": {"path": "/undo-first"},
                             "input": {"undo.$": "/steps/first/result/path"}}},
           {"name": "second", "handler": "http", "target": "work", "metadata": {"path": "/second"},
            "compensation": {"handler": "http", "target": "work", "metadata": {"path": "/undo-second"}}},
           {"name": "charge", "handler": "http", "target": "work", "metadata": {"path": "/charge"},
            "onFailure": "compensate"}
         ]}
        """);

    InstanceView done = run("saga", "sg-1", "{}");

    assertThat(done.status()).isEqualTo(InstanceStatus.FAILED);
    assertThat(done.statusReason())
        .contains("step 'charge' failed")
        .contains("compensated second, first");
    Call undoSecond = services.calls("work/undo-second").get(0);
    Call undoFirst = services.calls("work/undo-first").get(0);
    assertThat(undoSecond.endedNanos()).isLessThan(undoFirst.startedNanos());
    assertThat(undoFirst.body().path("undo").asText()).isEqualTo("work/first");
    assertThat(done.state().at("/steps/first/status").asText()).isEqualTo("COMPENSATED");
    assertThat(done.state().at("/steps/second/status").asText()).isEqualTo("COMPENSATED");
    assertThat(stepRecords("saga", "sg-1"))
        .filteredOn(r -> r.status().equals("COMPENSATED"))
        .extracting(StepRecord::step)
        .containsExactly("second", "first");
  }

  @Test
  void aConditionThatIsFalseSkipsItsStep() {
    register(
        """
        {"type": "conditional", "version": 1,
         "steps": [
           {"name": "big", "handler": "http", "target": "work", "metadata": {"path": "/big"},
            "when": "input.total > 100"},
           {"name": "always", "handler": "http", "target": "work", "metadata": {"path": "/always"}}
         ]}
        """);

    InstanceView small = run("conditional", "c-small", "{\"total\": 5}");
    InstanceView big = run("conditional", "c-big", "{\"total\": 500}");

    assertThat(small.state().at("/steps/big/status").asText()).isEqualTo("SKIPPED");
    assertThat(big.state().at("/steps/big/status").asText()).isEqualTo("COMPLETED");
    assertThat(services.calls("work/big")).hasSize(1);
  }
}
