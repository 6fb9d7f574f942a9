package io.onex.engine.cluster;

import static io.onex.engine.core.testing.Actions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.testing.CounterWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gauges of instances active (in memory on the node), passivated (unfinished, in no node's
 * memory) and timers pending follow the instances as they start, await a timer and passivate.
 */
class InstanceGaugesTest {

  @TempDir Path dataDir;

  @Test
  void activePassivatedAndTimerGaugesFollowTheInstances() {
    Config config =
        ConfigFactory.parseMap(
                Map.of(
                    "onex.data-dir", dataDir.toString(),
                    "onex.cluster.port", 0,
                    "onex.instance.passivate-idle-after", "1s",
                    "onex.index.poll-interval", "100ms",
                    "onex.index.lag-interval", "200ms"))
            .withFallback(ConfigFactory.load())
            .resolve();
    try (WorkflowEngine engine =
        WorkflowEngine.create(
            config, new WorkflowRegistry().register(CounterWorkflow.definition()))) {
      MeterRegistry metrics = engine.operations().metrics();
      assertThat(gauge(metrics, "onex.instances.active")).isZero();
      assertThat(gauge(metrics, "onex.timers.pending")).isZero();

      for (String id : new String[] {"waits", "idles"}) {
        engine
            .client()
            .start(CounterWorkflow.TYPE, StartRequest.of(id, json(Map.of("initial", 1))))
            .toCompletableFuture()
            .join();
      }
      engine
          .client()
          .send(
              CounterWorkflow.TYPE,
              "waits",
              ActionRequest.of("Remind", json(Map.of("delayMs", 600_000))))
          .toCompletableFuture()
          .join();
      assertThat(gauge(metrics, "onex.instances.active")).isEqualTo(2);
      assertThat(gauge(metrics, "onex.timers.pending")).isEqualTo(1);

      // the idle instance passivates; the one awaiting its timer stays, and so does its timer
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  gauge(metrics, "onex.instances.active") == 1
                      && gauge(metrics, "onex.instances.passivated") == 1);
      assertThat(gauge(metrics, "onex.timers.pending")).isEqualTo(1);

      // a message brings it back
      engine.client().get(CounterWorkflow.TYPE, "idles").toCompletableFuture().join();
      assertThat(gauge(metrics, "onex.instances.active")).isEqualTo(2);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> gauge(metrics, "onex.instances.passivated") == 0);
    }
  }

  private static double gauge(MeterRegistry metrics, String name) {
    Gauge gauge = metrics.find(name).gauge();
    assertThat(gauge).as("gauge %s", name).isNotNull();
    return gauge.value();
  }
}
