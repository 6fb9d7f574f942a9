package io.onex.engine.cluster;

import static io.onex.engine.cluster.testing.Stages.await;
import static io.onex.engine.cluster.testing.Stages.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.engine.cluster.testing.SingleNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.InstanceHandle;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.error.EngineUnavailableException;
import io.onex.engine.core.error.InstanceNotFoundException;
import io.onex.engine.core.error.InvalidIdentifierException;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.CounterStart;
import io.onex.engine.core.testing.CounterWorkflow.Increment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handle on one instance: typed actions, its history, and waiting for its end. */
class InstanceHandleTest {

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

  private static InstanceHandle started(String id) {
    await(engine.client().start(CounterWorkflow.TYPE, StartRequest.of(id, new CounterStart(1))));
    return engine.client().instance(CounterWorkflow.TYPE, id);
  }

  @Test
  void shouldCompleteAwaitEndWhenTheEventThatEndsTheInstanceIsJournaled() {
    // given
    InstanceHandle counter = started("ends-later");
    CompletableFuture<InstanceView> ended = counter.awaitEnd().toCompletableFuture();
    await(counter.send("Increment", new Increment(2)));
    assertThat(ended).isNotDone();

    // when
    InstanceView finished = await(counter.send("Finish", Map.of())).instance();

    // then
    InstanceView view = await(ended);
    assertThat(view.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(view.sequence()).isEqualTo(finished.sequence()).isEqualTo(3);
    assertThat(view.state().get("value").asInt()).isEqualTo(3);
  }

  @Test
  void shouldCompleteAwaitEndAtOnceForAnInstanceThatHasEnded() {
    // given
    InstanceHandle counter = started("ended-before");
    await(counter.send("Abandon", Map.of("reason", "not needed")));

    // when
    InstanceView view = await(counter.awaitEnd());

    // then
    assertThat(view.status()).isEqualTo(InstanceStatus.CANCELLED);
  }

  @Test
  void shouldFailAwaitEndForAnInstanceNeverStartedAndForADeadlineThatPasses() {
    // when
    Throwable unknown =
        failureOf(engine.client().instance(CounterWorkflow.TYPE, "never").awaitEnd());
    Throwable late = failureOf(started("still-running").awaitEnd(Duration.ofMillis(300)));

    // then
    assertThat(unknown).isInstanceOf(InstanceNotFoundException.class);
    assertThat(late)
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("'still-running'")
        .hasMessageContaining("to end within 300 ms");
  }

  @Test
  void shouldSendTypedPayloadsAndPageThroughTheHistory() {
    // given
    InstanceHandle counter = started("typed");

    // when
    await(counter.send("Increment", new Increment(4)));
    await(counter.send("Increment", new Increment(5)));

    // then
    assertThat(await(counter.get()).state().get("value").asInt()).isEqualTo(10);
    assertThat(await(counter.history(2, 1)).events())
        .singleElement()
        .satisfies(event -> assertThat(event.action().payload().get("by").asInt()).isEqualTo(4));
  }

  @Test
  void shouldRefuseAHandleOnAnInvalidAddress() {
    assertThatThrownBy(() -> engine.client().instance(CounterWorkflow.TYPE, "a b"))
        .isInstanceOf(InvalidIdentifierException.class);
  }
}
