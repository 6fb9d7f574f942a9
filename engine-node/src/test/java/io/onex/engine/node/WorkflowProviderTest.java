package io.onex.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.CounterStart;
import io.onex.engine.node.cli.HistoryCommand;
import io.onex.engine.node.testing.CounterProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar of workflows plus the node application is a deployment: the node finds the jar's {@link
 * WorkflowProvider}, hosts its workflows with its companion, and the history command replays them.
 */
class WorkflowProviderTest {

  @TempDir Path dataDir;

  private Config config() {
    return ConfigFactory.parseMap(
            Map.of(
                "onex.data-dir", dataDir.toString(),
                "onex.http.port", 0,
                "onex.cluster.port", 0))
        .withFallback(NodeConfig.withOverlay("dev"));
  }

  @Test
  void shouldHostTheWorkflowsOfTheProvidersOnTheClassPathWithTheirCompanions() {
    // when
    try (EngineNode node = EngineNode.start(config())) {
      // then
      assertThat(node.engine().registry().types()).containsExactly(CounterWorkflow.TYPE);
      assertThat(
              node.engine()
                  .client()
                  .start(CounterWorkflow.TYPE, StartRequest.of("c-1", new CounterStart(3)))
                  .toCompletableFuture()
                  .join()
                  .status())
          .isEqualTo(InstanceStatus.PENDING);
      assertThat(CounterProvider.RUNNING_COMPANIONS).hasValue(1);
      EffectHandler http = node.engine().operations().handlers().find("http").orElseThrow();
      assertThat(http.describe().settings())
          .containsEntry("counter-service", "http://127.0.0.1:1/counter");
    }
    assertThat(CounterProvider.RUNNING_COMPANIONS).hasValue(0);
  }

  @Test
  void shouldReplayTheProvidersWorkflowsWithTheHistoryCommand() {
    // given a stopped node's journal holding a counter
    try (EngineNode node = EngineNode.start(config())) {
      node.engine()
          .client()
          .start(CounterWorkflow.TYPE, StartRequest.of("c-2", new CounterStart(1)))
          .toCompletableFuture()
          .join();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    // when
    int exit =
        HistoryCommand.run(
            WorkflowProviders.registry(WorkflowProviders.load()),
            new PrintWriter(out),
            new PrintWriter(err),
            "replay",
            "--data-dir",
            dataDir.toString(),
            "--type",
            CounterWorkflow.TYPE,
            "--version",
            "1");

    // then
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("1 instance(s) replayed against version 1, 0 diverging");
  }
}
