package io.onex.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.StepRecord;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
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
    return node.run(type, id, input);
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

  static InstanceView view(String type, String id) {
    return node.engine().client().get(type, id).toCompletableFuture().join();
  }

  static InstanceView started(String type, String id, String input) {
    return node.engine()
        .client()
        .start(type, StartRequest.of(id, json(input)))
        .toCompletableFuture()
        .join();
  }

  static InstanceView awaitEnd(String type, String id) {
    return node.engine()
        .client()
        .instance(type, id)
        .awaitEnd(Duration.ofSeconds(30))
        .toCompletableFuture()
        .join();
  }

  static void send(String type, String id, String action, String payload) {
    node.engine()
        .client()
        .instance(type, id)
        .send(io.onex.engine.core.client.ActionRequest.of(action, json(payload)))
        .toCompletableFuture()
        .join();
  }

  /** The most calls among {@code calls} that overlapped in time. */
  static int mostOverlapping(List<Call> calls) {
    int most = 0;
    for (Call call : calls) {
      long at = call.startedNanos();
      int overlapping =
          (int) calls.stream().filter(c -> c.startedNanos() <= at && c.endedNanos() > at).count();
      most = Math.max(most, overlapping);
    }
    return most;
  }

  @Test
  void aPipelineStreamsTenThousandItemsInChunksWithBoundedParallelism() {
    StringBuilder items = new StringBuilder("{\"items\": [");
    for (int i = 0; i < 10_000; i++) {
      items.append(i == 0 ? "" : ",").append(i);
    }
    items.append("]}");
    register(
        """
        {"type": "batch", "version": 1, "coordination": "PIPELINE",
         "pipeline": {"items": "/input/items", "chunkSize": 500, "parallelism": 3},
         "steps": [
           {"name": "enrich", "handler": "http", "target": "work", "metadata": {"path": "/enrich"},
            "input": {"index.$": "/chunkIndex", "items.$": "/chunk"}},
           {"name": "store", "handler": "http", "target": "work", "metadata": {"path": "/store"},
            "input": {"index.$": "/chunkIndex", "first.$": "/previous/body/items/0"}}
         ],
         "output": {"stored.$": "$.results[*].body.index"}}
        """);

    InstanceView done = run("batch", "batch-1", items.toString());

    assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
    List<Call> enriched = services.calls("work/enrich");
    assertThat(enriched).hasSize(20);
    List<Integer> seen = new java.util.ArrayList<>();
    enriched.forEach(c -> c.body().path("items").forEach(n -> seen.add(n.asInt())));
    assertThat(seen).hasSize(10_000).doesNotHaveDuplicates();
    List<Call> stored = services.calls("work/store");
    assertThat(stored).hasSize(20);
    assertThat(stored)
        .allSatisfy(
            c ->
                assertThat(c.body().path("first").asInt())
                    .isEqualTo(c.body().path("index").asInt() * 500));
    List<Call> all = new java.util.ArrayList<>(enriched);
    all.addAll(stored);
    assertThat(mostOverlapping(all)).isBetween(2, 3);
    assertThat(done.state().at("/output/stored")).hasSize(20);
    assertThat(done.state().at("/pipeline/chunksDone").asInt()).isEqualTo(20);
  }

  @Test
  void anEventDrivenStepWaitsForItsActionAndAWaitTakesTheSignalsPayload() {
    register(
        """
        {"type": "events", "version": 1, "coordination": "EVENT_DRIVEN",
         "steps": [
           {"name": "prepare", "handler": "http", "target": "work", "metadata": {"path": "/prepare"}},
           {"name": "ship", "handler": "http", "target": "work", "metadata": {"path": "/ship-on-event"},
            "dependsOn": ["prepare"],
            "on": {"action": "PaymentReceived", "schema": {"type": "object", "required": ["amount"]}},
            "input": {"amount.$": "/event/amount"}},
           {"name": "approve",
            "wait": {"action": "Approve", "schema": {"type": "object", "required": ["by"]}}}
         ]}
        """);
    started("events", "ev-1", "{}");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                view("events", "ev-1").state().at("/steps/ship/status").asText().equals("WAITING"));
    assertThat(services.calls("work/ship-on-event")).isEmpty();

    send("events", "ev-1", "PaymentReceived", "{\"amount\": 12}");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> send("events", "ev-1", "Approve", "{}"))
        .hasRootCauseInstanceOf(io.onex.engine.core.error.InvalidPayloadException.class);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                view("events", "ev-1")
                    .state()
                    .at("/steps/ship/status")
                    .asText()
                    .equals("COMPLETED"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> send("events", "ev-1", "PaymentReceived", "{\"amount\": 13}"))
        .hasRootCauseInstanceOf(io.onex.engine.core.error.TransitionRejectedException.class);
    send("events", "ev-1", "Approve", "{\"by\": \"ann\"}");

    InstanceView done = awaitEnd("events", "ev-1");
    assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(services.calls("work/ship-on-event"))
        .singleElement()
        .satisfies(c -> assertThat(c.body().path("amount").asInt()).isEqualTo(12));
    assertThat(done.state().at("/steps/approve/result/by").asText()).isEqualTo("ann");
  }

  @Test
  void aTimerStepWaitsAndAMissedDeadlineFailsItsStep() {
    register(
        """
        {"type": "timed", "version": 1,
         "steps": [
           {"name": "pause", "timer": "300ms"},
           {"name": "answer", "wait": {"action": "Answer", "deadline": "300ms"}}
         ]}
        """);
    long before = System.nanoTime();

    InstanceView done = run("timed", "t-1", "{}");

    assertThat(System.nanoTime() - before).isGreaterThan(Duration.ofMillis(600).toNanos());
    assertThat(done.status()).isEqualTo(InstanceStatus.FAILED);
    assertThat(done.state().at("/steps/pause/status").asText()).isEqualTo("COMPLETED");
    assertThat(done.statusReason()).isEqualTo("step 'answer' failed: deadline of 300ms passed");
  }

  static void registerChildren() {
    register(
        """
        {"type": "child-ok", "version": 1,
         "steps": [{"name": "work", "handler": "http", "target": "work", "metadata": {"path": "/child-work"},
                    "input": {"x.$": "/input/x"}}],
         "output": {"done": true, "x.$": "/input/x"}}
        """);
    register(
        """
        {"type": "child-bad", "version": 1,
         "steps": [{"name": "work", "handler": "http", "target": "work", "metadata": {"path": "/child-refused"}}]}
        """);
    register(
        """
        {"type": "child-waits", "version": 1,
         "steps": [{"name": "approve", "wait": {"action": "Approve"}}]}
        """);
    services.refuse("work/child-refused");
  }

  @Test
  void aParentSeesItsChildCompleteAndFail() {
    registerChildren();
    register(
        """
        {"type": "parent", "version": 1,
         "steps": [
           {"name": "kid", "workflow": "child-ok", "input": {"x.$": "/input/x"}},
           {"name": "after", "handler": "http", "target": "work", "metadata": {"path": "/after-kid"},
            "input": {"kid.$": "/steps/kid/result/state/output"}}
         ]}
        """);
    register(
        """
        {"type": "parent-of-bad", "version": 1,
         "steps": [{"name": "kid", "workflow": "child-bad"}]}
        """);

    InstanceView done = run("parent", "p-1", "{\"x\": 42}");
    InstanceView failed = run("parent-of-bad", "p-2", "{}");

    assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(services.calls("work/after-kid"))
        .singleElement()
        .satisfies(
            c -> assertThat(c.body().path("kid").toString()).isEqualTo("{\"done\":true,\"x\":42}"));
    assertThat(view("child-ok", "p-1:kid").status()).isEqualTo(InstanceStatus.COMPLETED);
    WorkflowEvent parentStart = history("parent", "p-1").get(0);
    WorkflowEvent childStart = history("child-ok", "p-1:kid").get(0);
    assertThat(childStart.causationId()).isEqualTo(parentStart.intents().get(0).intentId());
    assertThat(childStart.action().parentActionId()).isEqualTo(parentStart.action().actionId());
    assertThat(childStart.correlationId()).isEqualTo(parentStart.correlationId());

    assertThat(failed.status()).isEqualTo(InstanceStatus.FAILED);
    assertThat(failed.statusReason()).contains("child child-bad p-2:kid ended FAILED");
  }

  @Test
  void cancellingAParentTerminatesItsChildAndASignalReachesAnotherInstance() {
    registerChildren();
    register(
        """
        {"type": "parent-of-waiting", "version": 1,
         "steps": [{"name": "kid", "workflow": "child-waits"}]}
        """);
    register(
        """
        {"type": "signaller", "version": 1,
         "steps": [{"name": "nudge", "handler": "workflow", "target": "child-waits",
                    "input": {"operation": "signal", "instanceId.$": "/input/target",
                              "action": "Approve", "payload": {"by": "robot"}}}]}
        """);
    started("parent-of-waiting", "pw-1", "{}");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                view("child-waits", "pw-1:kid")
                    .state()
                    .at("/steps/approve/status")
                    .asText()
                    .equals("WAITING"));

    send("parent-of-waiting", "pw-1", "Cancel", "{\"reason\": \"customer changed their mind\"}");

    assertThat(view("parent-of-waiting", "pw-1").status()).isEqualTo(InstanceStatus.CANCELLED);
    InstanceView child = awaitEnd("child-waits", "pw-1:kid");
    assertThat(child.status()).isEqualTo(InstanceStatus.CANCELLED);
    assertThat(child.statusReason()).contains("customer changed their mind");

    started("child-waits", "lonely", "{}");
    run("signaller", "sig-1", "{\"target\": \"lonely\"}");
    InstanceView signalled = awaitEnd("child-waits", "lonely");
    assertThat(signalled.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(signalled.state().at("/steps/approve/result/by").asText()).isEqualTo("robot");
  }

  @Test
  void anOperatorsTerminationOfAParentTerminatesItsChildToo() {
    registerChildren();
    register(
        """
        {"type": "parent-terminated", "version": 1,
         "steps": [{"name": "kid", "workflow": "child-waits"}]}
        """);
    started("parent-terminated", "pt-1", "{}");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                view("child-waits", "pt-1:kid")
                    .state()
                    .at("/steps/approve/status")
                    .asText()
                    .equals("WAITING"));

    node.engine()
        .client()
        .controls()
        .terminate("parent-terminated", "pt-1", "stopped by an operator")
        .toCompletableFuture()
        .join();

    InstanceView child = awaitEnd("child-waits", "pt-1:kid");
    assertThat(child.status()).isEqualTo(InstanceStatus.CANCELLED);
    assertThat(child.statusReason()).contains("stopped by an operator");
  }

  @Test
  void anExpressionThatCannotBeEvaluatedFailsItsStepAndTheInstanceStaysUsable() {
    register(
        """
        {"type": "bad-sum", "version": 1,
         "steps": [{"name": "sum", "handler": "http", "target": "work", "metadata": {"path": "/sum"},
                    "input": {"total.$": "$.input.amounts.sum()"}}]}
        """);

    InstanceView done = run("bad-sum", "bs-1", "{\"amounts\": []}");

    assertThat(done.status()).isEqualTo(InstanceStatus.FAILED);
    assertThat(done.statusReason())
        .startsWith("step 'sum' failed: expression")
        .contains("could not be evaluated");
    assertThat(services.calls("work/sum")).isEmpty();
  }

  @Test
  void onlyTheInstancesOwnTimersMayFireStepDue() {
    register(
        """
        {"type": "slow-timer", "version": 1, "steps": [{"name": "pause", "timer": "1h"}]}
        """);
    started("slow-timer", "st-1", "{}");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> send("slow-timer", "st-1", "StepDue", "{\"step\": \"pause\"}"))
        .hasRootCauseInstanceOf(io.onex.engine.core.error.TransitionRejectedException.class)
        .rootCause()
        .hasMessageContaining("fired by the instance's own timers only");
    assertThat(view("slow-timer", "st-1").state().at("/steps/pause/status").asText())
        .isEqualTo("RUNNING");
  }

  @Test
  void aStartWhoseDependencyIsMissingIsRefusedNamingIt() {
    register(
        """
        {"type": "orphan", "version": 1,
         "steps": [{"name": "kid", "workflow": "ghost"}]}
        """);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> started("orphan", "o-1", "{}"))
        .hasRootCauseInstanceOf(io.onex.engine.core.error.DependencyUnavailableException.class)
        .rootCause()
        .hasMessageContaining("workflow:ghost");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> view("orphan", "o-1"))
        .hasRootCauseInstanceOf(io.onex.engine.core.error.InstanceNotFoundException.class);
  }

  @Test
  void replayAgainstAChangedVersionNamesTheFirstDivergingStep() {
    String v1 =
        """
        {"type": "replayed", "version": %d,
         "steps": [
           {"name": "one", "handler": "http", "target": "work", "metadata": {"path": "/one"}},
           {"name": "two", "handler": "http", "target": "work", "metadata": {"path": "%s"}}
         ]}
        """;
    register(v1.formatted(1, "/two"));
    run("replayed", "rp-1", "{}");
    register(v1.formatted(2, "/two-changed"));

    io.onex.engine.core.replay.ReplayReport same =
        node.engine().client().history().replay("replayed", "rp-1", 1).toCompletableFuture().join();
    io.onex.engine.core.replay.ReplayReport changed =
        node.engine().client().history().replay("replayed", "rp-1", 2).toCompletableFuture().join();

    assertThat(same.agrees()).isTrue();
    assertThat(changed.agrees()).isFalse();
    assertThat(changed.firstDivergence().sequence()).isEqualTo(2);
    assertThat(changed.firstDivergence().reason()).isEqualTo("intents");
    assertThat(changed.firstDivergence().actualIntents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.metadata())
                  .containsEntry("onex.step", "two")
                  .containsEntry("path", "/two-changed");
            });
    assertThat(
            node.engine()
                .client()
                .history()
                .stateAt("replayed", "rp-1", 2)
                .toCompletableFuture()
                .join()
                .state()
                .at("/steps/one/status")
                .asText())
        .isEqualTo("COMPLETED");
  }
}
