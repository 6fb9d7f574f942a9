package io.onex.engine.cluster;

import static io.onex.engine.core.testing.Actions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.Intent;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.ActionOutcome;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.testing.CounterWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A durable timer survives a restart of its node and fires exactly once. */
class DurableTimerTest {

  @TempDir Path dataDir;

  private WorkflowEngine startEngine() {
    Config config =
        ConfigFactory.parseMap(Map.of("onex.data-dir", dataDir.toString(), "onex.cluster.port", 0))
            .withFallback(ConfigFactory.load())
            .resolve();
    return WorkflowEngine.create(
        config, new WorkflowRegistry().register(CounterWorkflow.definition()));
  }

  @Test
  void shouldFireOnceAfterItsDelayAlsoWhenTheNodeRestartsInBetween() {
    Instant requested;
    Intent timer;
    try (WorkflowEngine first = startEngine()) {
      first
          .client()
          .start(CounterWorkflow.TYPE, StartRequest.of("timed", json(Map.of("initial", 1))))
          .toCompletableFuture()
          .join();
      requested = Instant.now();
      ActionOutcome reminded =
          first
              .client()
              .send(
                  CounterWorkflow.TYPE,
                  "timed",
                  ActionRequest.of("Remind", json(Map.of("delayMs", 2000))))
              .toCompletableFuture()
              .join();
      timer = reminded.intents().get(0);
      assertThat(timer.type()).isEqualTo(Intent.TIMER);
    }

    try (WorkflowEngine second = startEngine()) {
      // nobody sends the instance a message: it is woken as one that awaits a timer, and re-arms it
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> history(second).size() == 3);
      Instant observed = Instant.now();
      List<WorkflowEvent> events = history(second);
      WorkflowEvent fired = events.get(2);
      assertThat(fired.action().type()).isEqualTo("Increment");
      assertThat(fired.causationId()).isEqualTo(timer.intentId());
      assertThat(Duration.between(requested, observed))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
      assertThat(
              second
                  .client()
                  .get(CounterWorkflow.TYPE, "timed")
                  .toCompletableFuture()
                  .join()
                  .state()
                  .get("value")
                  .asInt())
          .isEqualTo(101);

      // it does not fire again
      Awaitility.await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(2))
          .until(() -> history(second).size() == 3);
      assertThat(
              second
                  .client()
                  .get(CounterWorkflow.TYPE, "timed")
                  .toCompletableFuture()
                  .join()
                  .pendingIntents())
          .isEmpty();
    }
  }

  @Test
  void shouldKeepATimerDueFurtherAheadThanTheSchedulerCanWaitAcrossARestart() {
    // given a timer due in 400 days, beyond the 248 days Pekko's scheduler can wait
    long fourHundredDays = Duration.ofDays(400).toMillis();
    try (WorkflowEngine first = startEngine()) {
      first
          .client()
          .start(CounterWorkflow.TYPE, StartRequest.of("patient", json(Map.of("initial", 1))))
          .toCompletableFuture()
          .join();

      // when
      ActionOutcome reminded =
          first
              .client()
              .send(
                  CounterWorkflow.TYPE,
                  "patient",
                  ActionRequest.of("Remind", json(Map.of("delayMs", fourHundredDays))))
              .toCompletableFuture()
              .join();

      // then the instance goes on answering with its timer pending
      assertThat(reminded.intents()).singleElement().extracting(Intent::type).isEqualTo("timer");
      assertThat(
              first
                  .client()
                  .send(
                      CounterWorkflow.TYPE,
                      "patient",
                      ActionRequest.of("Increment", json(Map.of("by", 1))))
                  .toCompletableFuture()
                  .join()
                  .instance()
                  .pendingIntents())
          .hasSize(1);
    }
    // and after a restart it recovers, arms the timer again and still answers
    try (WorkflowEngine second = startEngine()) {
      var recovered =
          second.client().get(CounterWorkflow.TYPE, "patient").toCompletableFuture().join();
      assertThat(recovered.sequence()).isEqualTo(3);
      assertThat(recovered.pendingIntents()).hasSize(1);
      assertThat(recovered.state().get("value").asInt()).isEqualTo(2);
    }
  }

  private static List<WorkflowEvent> history(WorkflowEngine engine) {
    return engine
        .client()
        .history()
        .export(CounterWorkflow.TYPE, "timed")
        .toCompletableFuture()
        .join();
  }
}
