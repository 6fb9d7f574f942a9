package io.onex.engine.cluster;

import static io.onex.engine.cluster.testing.Stages.await;
import static io.onex.engine.cluster.testing.Stages.failureOf;
import static io.onex.engine.core.testing.Actions.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.cluster.testing.SingleNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.ActionOutcome;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.HistoryPage;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.error.InstanceAlreadyExistsException;
import io.onex.engine.core.error.InstanceNotFoundException;
import io.onex.engine.core.error.InvalidIdentifierException;
import io.onex.engine.core.error.TransitionRejectedException;
import io.onex.engine.core.error.UnknownWorkflowTypeException;
import io.onex.engine.core.testing.CounterWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowEngineTest {

  @TempDir static Path dataDir;
  private static WorkflowEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = SingleNode.onH2(dataDir, CounterWorkflow.definition());
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @Test
  void shouldStartActAndReadBackThroughShardedInstances() {
    // given
    InstanceView started =
        await(
            engine
                .client()
                .start(
                    CounterWorkflow.TYPE, StartRequest.of("engine-1", json(Map.of("initial", 1)))));

    // when
    ActionOutcome outcome =
        await(
            engine
                .client()
                .send(
                    CounterWorkflow.TYPE,
                    "engine-1",
                    ActionRequest.of("Notify", json(Map.of("target", "audit")))
                        .withCorrelationId("flow-9")));

    // then
    assertThat(started.status()).isEqualTo(InstanceStatus.PENDING);
    assertThat(outcome.instance().sequence()).isEqualTo(2);
    assertThat(outcome.intents())
        .singleElement()
        .satisfies(
            intent -> {
              assertThat(intent.target()).isEqualTo("audit");
              assertThat(intent.correlationId()).isEqualTo("flow-9");
            });
    assertThat(outcome.instance().pendingIntents())
        .singleElement()
        .satisfies(
            pending ->
                assertThat(pending.intentId()).isEqualTo(outcome.intents().get(0).intentId()));

    // the log handler carries the intent out and its outcome comes back as the next event
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> await(engine.client().get(CounterWorkflow.TYPE, "engine-1")).sequence() == 3);
    assertThat(await(engine.client().get(CounterWorkflow.TYPE, "engine-1")).pendingIntents())
        .isEmpty();
    HistoryPage history =
        await(engine.client().history().page(CounterWorkflow.TYPE, "engine-1", 1, 10));
    assertThat(history.events()).hasSize(3);
    WorkflowEvent reported = history.events().get(2);
    assertThat(reported.action().type()).isEqualTo(IntentOutcome.SUCCEEDED);
    assertThat(reported.causationId()).isEqualTo(outcome.intents().get(0).intentId());
    assertThat(reported.correlationChain()).startsWith("flow-9").contains(reported.causationId());
    assertThat(reported.action().payload().at("/result/logged").asBoolean()).isTrue();
  }

  @Test
  void shouldGenerateAnInstanceIdWhenNoneIsGiven() {
    InstanceView started =
        await(
            engine
                .client()
                .start(CounterWorkflow.TYPE, StartRequest.of(null, json(Map.of("initial", 0)))));

    assertThat(started.instanceId()).matches("[0-9a-f-]{36}");
  }

  @Test
  void shouldFailWithTypedExceptionsThatChangeNothing() {
    await(
        engine
            .client()
            .start(CounterWorkflow.TYPE, StartRequest.of("engine-2", json(Map.of("initial", 0)))));

    assertThat(
            failureOf(
                engine
                    .client()
                    .start(
                        CounterWorkflow.TYPE,
                        StartRequest.of("engine-2", json(Map.of("initial", 5))))))
        .isInstanceOf(InstanceAlreadyExistsException.class);
    assertThat(
            failureOf(
                engine
                    .client()
                    .send(
                        CounterWorkflow.TYPE,
                        "engine-2",
                        ActionRequest.of("Decrement", json(Map.of("by", 1))))))
        .isInstanceOf(TransitionRejectedException.class);
    assertThat(failureOf(engine.client().get(CounterWorkflow.TYPE, "never-started")))
        .isInstanceOf(InstanceNotFoundException.class);
    assertThat(failureOf(engine.client().get("no-such-type", "x")))
        .isInstanceOf(UnknownWorkflowTypeException.class);
    assertThat(failureOf(engine.client().get(CounterWorkflow.TYPE, "bad/id")))
        .isInstanceOf(InvalidIdentifierException.class);

    InstanceView unchanged = await(engine.client().get(CounterWorkflow.TYPE, "engine-2"));
    assertThat(unchanged.sequence()).isEqualTo(1);
    assertThat(unchanged.state().get("value").asInt()).isZero();
  }

  @Test
  void shouldReportHealthyJournalAndClusterMembership() {
    EngineHealth health = await(engine.operations().health());

    assertThat(health.up()).isTrue();
    assertThat(health.checks()).containsKeys("journal", "cluster");
  }
}
