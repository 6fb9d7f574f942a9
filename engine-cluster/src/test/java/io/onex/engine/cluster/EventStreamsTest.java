package io.onex.engine.cluster;

import static io.onex.engine.cluster.testing.Stages.await;
import static io.onex.engine.cluster.testing.Stages.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.testing.SingleNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.InstanceHandle;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.error.InstanceNotFoundException;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.CounterStart;
import io.onex.engine.core.testing.CounterWorkflow.Increment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance's events as a Pekko {@code Source} and to a listener: its history, then each live
 * event once, in order, until its end. The read journal polls only once an hour here, so every live
 * event that arrives was told by the instance, not found by polling.
 */
class EventStreamsTest {

  private static final Duration TOLD = Duration.ofSeconds(10);

  @TempDir static Path dataDir;
  private static WorkflowEngine engine;

  @BeforeAll
  static void startEngine() {
    engine =
        SingleNode.onH2(
            dataDir,
            ConfigFactory.parseMap(
                Map.of("onex.index.poll-interval", "1h", "onex.index.gap-wait", "1h")),
            CounterWorkflow.definition());
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
  void shouldStreamTheHistoryThenEachLiveEventOnceInOrderUntilTheEnd() throws Exception {
    // given: an instance with two events, streamed from its second
    InstanceHandle counter = started("streamed");
    await(counter.send("Increment", new Increment(1)));
    CompletableFuture<List<Long>> streamed =
        await(engine.events().ofInstance(CounterWorkflow.TYPE, "streamed", 2))
            .map(journaled -> journaled.event().sequence())
            .runWith(Sink.seq(), engine.system())
            .toCompletableFuture();

    // when: more events while it streams, the last of which ends it
    for (int by = 2; by <= 6; by++) {
      await(counter.send("Increment", new Increment(by)));
    }
    await(counter.send("Finish", Map.of()));

    // then
    assertThat(streamed.get(TOLD.toSeconds(), TimeUnit.SECONDS))
        .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
  }

  @Test
  void shouldTellAListenerEachLiveEventAsItIsJournaled() throws Exception {
    // given
    InstanceHandle counter = started("listened");
    LinkedBlockingQueue<Long> heard = new LinkedBlockingQueue<>();
    EventStreams.Subscription subscription =
        engine
            .events()
            .watch(
                CounterWorkflow.TYPE,
                "listened",
                1,
                journaled -> heard.add(journaled.event().sequence()));
    assertThat(heard.poll(TOLD.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1L);

    // when
    await(counter.send("Increment", new Increment(4)));

    // then: told, within far less than the read journal's hour
    assertThat(heard.poll(TOLD.toSeconds(), TimeUnit.SECONDS)).isEqualTo(2L);

    // and once closed, it hears no more
    subscription.close();
    Thread.sleep(200);
    await(counter.send("Increment", new Increment(5)));
    assertThat(heard.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void shouldEndTheStreamOfAnEndedInstanceAfterItsHistory() throws Exception {
    InstanceHandle counter = started("ended");
    await(counter.send("Abandon", Map.of("reason", "not needed")));

    List<String> statuses =
        await(engine.events().ofInstance(CounterWorkflow.TYPE, "ended", 1))
            .map(journaled -> journaled.event().status().name())
            .runWith(Sink.seq(), engine.system())
            .toCompletableFuture()
            .get(TOLD.toSeconds(), TimeUnit.SECONDS);

    assertThat(statuses).containsExactly("PENDING", InstanceStatus.CANCELLED.name());
    assertThat(
            await(engine.events().ofInstance(CounterWorkflow.TYPE, "ended", 3))
                .runWith(Sink.seq(), engine.system())
                .toCompletableFuture()
                .get(TOLD.toSeconds(), TimeUnit.SECONDS))
        .isEmpty();
  }

  @Test
  void shouldRefuseTheStreamOfAnInstanceNeverStarted() {
    assertThat(failureOf(engine.events().ofInstance(CounterWorkflow.TYPE, "never", 1)))
        .isInstanceOf(InstanceNotFoundException.class);
  }

  @Test
  void shouldCompleteAwaitEndOnTheLiveFeedWithoutPolling() {
    InstanceHandle counter = started("awaited");
    CompletableFuture<?> ended = counter.awaitEnd(TOLD).toCompletableFuture();

    await(counter.send("Finish", Map.of()));

    assertThat(await(counter.awaitEnd(TOLD)).status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(ended).succeedsWithin(TOLD);
  }
}
