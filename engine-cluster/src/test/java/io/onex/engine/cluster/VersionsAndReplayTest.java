package io.onex.engine.cluster;

import static io.onex.engine.core.testing.Actions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.ReplayCheck;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.error.InstanceDivergedException;
import io.onex.engine.core.replay.ReplayReport;
import io.onex.engine.core.testing.CounterWorkflow;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version pinning, the replay debugger and divergence found by recovery, on a running node. */
class VersionsAndReplayTest {

  @TempDir Path dataDir;

  private WorkflowEngine start(WorkflowRegistry registry) {
    Config config =
        ConfigFactory.parseMap(Map.of("onex.data-dir", dataDir.toString(), "onex.cluster.port", 0))
            .withFallback(ConfigFactory.load())
            .resolve();
    return WorkflowEngine.create(config, registry);
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static void increment(WorkflowEngine engine, String id, int by) {
    await(
        engine
            .client()
            .send(CounterWorkflow.TYPE, id, ActionRequest.of("Increment", json(Map.of("by", by)))));
  }

  @Test
  void shouldPinInstancesToTheirVersionAndReplayThemAgainstAnother() {
    WorkflowRegistry registry = new WorkflowRegistry().register(CounterWorkflow.definition(1, 1));
    try (WorkflowEngine engine = start(registry)) {
      // given a v1 instance, then v2 registered and a new instance
      await(
          engine
              .client()
              .start(CounterWorkflow.TYPE, StartRequest.of("old", json(Map.of("initial", 0)))));
      increment(engine, "old", 1);
      registry.register(CounterWorkflow.definition(2, 2));
      InstanceView fresh =
          await(
              engine
                  .client()
                  .start(CounterWorkflow.TYPE, StartRequest.of("new", json(Map.of("initial", 0)))));
      increment(engine, "old", 2);
      increment(engine, "new", 2);

      // then each keeps its version
      assertThat(fresh.definitionVersion()).isEqualTo(2);
      InstanceView old = await(engine.client().get(CounterWorkflow.TYPE, "old"));
      assertThat(old.definitionVersion()).isEqualTo(1);
      assertThat(old.state().get("value").asInt()).isEqualTo(3);
      assertThat(
              await(engine.client().get(CounterWorkflow.TYPE, "new")).state().get("value").asInt())
          .isEqualTo(4);
      assertThat(await(engine.client().history().instancesByVersion(CounterWorkflow.TYPE)))
          .containsEntry(1, 1L)
          .containsEntry(2, 1L);

      // the state at each event
      assertThat(
              await(engine.client().history().stateAt(CounterWorkflow.TYPE, "old", 2))
                  .state()
                  .get("value")
                  .asInt())
          .isEqualTo(1);
      assertThat(await(engine.client().history().stateAt(CounterWorkflow.TYPE, "old", 1)).status())
          .isEqualTo(InstanceStatus.PENDING);
      assertThatThrownBy(
              () -> await(engine.client().history().stateAt(CounterWorkflow.TYPE, "old", 9)))
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(IllegalArgumentException.class);

      // replaying the v1 history against v2 shows where it diverges
      ReplayReport report = await(engine.client().history().replay(CounterWorkflow.TYPE, "old", 2));
      assertThat(report.agrees()).isFalse();
      assertThat(report.firstDivergence().sequence()).isEqualTo(2);
      assertThat(report.firstDivergence().stateDifferences().get(0).path()).isEqualTo("/value");
      assertThat(await(engine.client().history().replay(CounterWorkflow.TYPE, "old", 1)).agrees())
          .isTrue();

      // the deploy gate names the unfinished instances that would diverge
      ReplayCheck check = await(engine.client().history().replayCheck(CounterWorkflow.TYPE, 2));
      assertThat(check.checked()).isEqualTo(2);
      assertThat(check.diverging()).extracting(ReplayReport::instanceId).containsExactly("old");
    }
  }

  @Test
  void shouldMarkAnInstanceWhoseRecoveryDivergesAndRefuseItsActions() {
    try (WorkflowEngine engine =
        start(new WorkflowRegistry().register(CounterWorkflow.definition(1, 1)))) {
      await(
          engine
              .client()
              .start(CounterWorkflow.TYPE, StartRequest.of("drift", json(Map.of("initial", 0)))));
      increment(engine, "drift", 5);
    }

    // the same version number, but a reducer that computes differently
    try (WorkflowEngine engine =
        start(new WorkflowRegistry().register(CounterWorkflow.definition(1, 3)))) {
      InstanceView marked = await(engine.client().get(CounterWorkflow.TYPE, "drift"));

      assertThat(marked.status()).isEqualTo(InstanceStatus.DIVERGED);
      assertThat(marked.statusReason()).contains("event 2 diverged");
      assertThat(marked.sequence()).isEqualTo(1);
      assertThatThrownBy(() -> increment(engine, "drift", 1))
          .hasCauseInstanceOf(InstanceDivergedException.class);
      assertThat(await(engine.operations().health()).checks().get("instances").detail())
          .contains("counter/drift")
          .contains("event 2 diverged");
    }
  }
}
