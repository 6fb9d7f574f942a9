package io.onex.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Rollout;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.orchestrator.testing.SpecNode;
import io.onex.engine.orchestrator.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog is journaled: after a restart the specs, their rollout and their instances are back.
 */
class SpecRestartTest {

  @TempDir Path dataDir;

  static final String SPEC =
      """
      {"type": "approval", "version": %d,
       "steps": [
         {"name": "ask", "wait": {"action": "Approve", "schema": {"type": "object", "required": ["by"]}}},
         {"name": "record", "handler": "http", "target": "work", "metadata": {"path": "/record"},
          "input": {"by.$": "/steps/ask/result/by"}}
       ]}
      """;

  @Test
  void specsRolloutsAndRunningInstancesSurviveARestart() {
    try (TestServices services = new TestServices()) {
      try (SpecNode first = SpecNode.start(SpecNode.config(dataDir, services, Map.of()))) {
        first
            .specs()
            .register("approval", 1, WorkflowSpecs.read(SPEC.formatted(1)))
            .toCompletableFuture()
            .join();
        first
            .specs()
            .register("approval", 2, WorkflowSpecs.read(SPEC.formatted(2)))
            .toCompletableFuture()
            .join();
        first.specs().rollout("approval", new Rollout(2, 0)).toCompletableFuture().join();
        InstanceView started =
            first
                .engine()
                .client()
                .start("approval", StartRequest.of("a-1", Map.of()))
                .toCompletableFuture()
                .join();
        assertThat(started.definitionVersion()).isEqualTo(1);
      }

      try (SpecNode second = SpecNode.start(SpecNode.config(dataDir, services, Map.of()))) {
        assertThat(second.specs().isSpec("approval", 1)).isTrue();
        assertThat(second.specs().isSpec("approval", 2)).isTrue();
        assertThat(second.engine().registry().rollout("approval")).contains(new Rollout(2, 0));
        second
            .engine()
            .client()
            .instance("approval", "a-1")
            .send(ActionRequest.of("Approve", Map.of("by", "ann")))
            .toCompletableFuture()
            .join();
        InstanceView done =
            second
                .engine()
                .client()
                .instance("approval", "a-1")
                .awaitEnd(Duration.ofSeconds(20))
                .toCompletableFuture()
                .join();
        assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(services.calls("work/record"))
            .singleElement()
            .satisfies(c -> assertThat(c.body().path("by").asText()).isEqualTo("ann"));
      }
    }
  }
}
