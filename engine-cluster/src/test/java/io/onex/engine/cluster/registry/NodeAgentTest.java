package io.onex.engine.cluster.registry;

import static io.onex.engine.cluster.registry.RegistryCluster.await;
import static io.onex.engine.cluster.registry.RegistryCluster.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An agent keeps its node registered, registers it again when lost, and reports its health. */
class NodeAgentTest {

  private static final Duration TTL = Duration.ofMillis(600);
  private static final Duration HEARTBEAT_INTERVAL = TTL.dividedBy(3);

  /** One heartbeat interval, and time for the registry to answer on a busy machine. */
  private static final Duration WITHIN_A_HEARTBEAT = HEARTBEAT_INTERVAL.plusMillis(500);

  private static ActorTestKit kit;
  private static NodeRegistry registry;

  private final AtomicReference<HealthStatus> health = new AtomicReference<>(HealthStatus.HEALTHY);
  private final Supplier<CompletionStage<HealthStatus>> healthCheck =
      () -> CompletableFuture.completedFuture(health.get());
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    kit =
        RegistryCluster.singleNode(
            "NodeAgentTest",
            Map.of(
                "onex.registry.check-interval", "100ms", "onex.registry.removal-after", "600ms"));
    registry = NodeRegistry.create(kit.system());
  }

  @AfterAll
  static void stopCluster() {
    kit.shutdownTestKit();
  }

  @AfterEach
  void closeAgentsAndWatches() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void shouldKeepItsNodeRegisteredPastSeveralTtlsWhenRunning() {
    // given
    TestProbe<NodeChange> changes = watchGroup("kept");

    // when
    NodeRegistry.Agent agent = agent("kept-1", "kept", healthCheck);
    assertThat(changes.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REGISTERED);

    // then: five TTLs later it has never expired
    Awaitility.await()
        .during(TTL.multipliedBy(5))
        .atMost(TTL.multipliedBy(7))
        .until(() -> await(registry.node("kept-1")).filter(node -> !node.expired()).isPresent());
    changes.expectNoMessage(HEARTBEAT_INTERVAL);
    assertThat(agent.nodeId()).isEqualTo("kept-1");
  }

  @Test
  void shouldRegisterItsNodeAgainWithinAHeartbeatIntervalWhenTheRegistryLostIt() {
    // given
    TestProbe<NodeChange> changes = watchGroup("lost");
    agent("lost-1", "lost", healthCheck);
    assertThat(changes.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REGISTERED);

    // when
    assertThat(await(registry.unregister("lost-1"))).isTrue();

    // then
    assertThat(changes.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REMOVED);
    NodeChange again = changes.receiveMessage(WITHIN_A_HEARTBEAT);
    assertThat(again.kind()).isEqualTo(NodeChange.Kind.REGISTERED);
    assertThat(again.node().nodeId()).isEqualTo("lost-1");
    assertThat(await(registry.node("lost-1"))).isPresent();
  }

  @Test
  void shouldReportTheHealthOfItsNodeWhenItChanges() {
    // given
    TestProbe<NodeChange> changes = watchGroup("ailing");
    agent("ailing-1", "ailing", healthCheck);
    assertThat(changes.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REGISTERED);

    // when
    health.set(HealthStatus.DEGRADED);

    // then: reported once
    NodeChange degraded = changes.receiveMessage(WITHIN_A_HEARTBEAT);
    assertThat(degraded.kind()).isEqualTo(NodeChange.Kind.HEALTH_CHANGED);
    assertThat(degraded.node().health()).isEqualTo(HealthStatus.DEGRADED);
    changes.expectNoMessage(HEARTBEAT_INTERVAL.multipliedBy(2));
  }

  @Test
  void shouldReportUnknownHealthWhenTheHealthCheckThrows() {
    // given
    TestProbe<NodeChange> changes = watchGroup("failing");

    // when
    agent(
        "failing-1",
        "failing",
        () -> {
          throw new IllegalStateException("health check failed on purpose");
        });

    // then
    assertThat(changes.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REGISTERED);
    NodeChange unknown = changes.receiveMessage(WITHIN_A_HEARTBEAT);
    assertThat(unknown.kind()).isEqualTo(NodeChange.Kind.HEALTH_CHANGED);
    assertThat(unknown.node().health()).isEqualTo(HealthStatus.UNKNOWN);
  }

  @Test
  void shouldUnregisterItsNodeWhenClosed() {
    // given
    TestProbe<NodeChange> changes = watchGroup("leaving");
    NodeRegistry.Agent agent = agent("leaving-1", "leaving", healthCheck);
    assertThat(changes.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REGISTERED);

    // when
    agent.close();

    // then: removed once, and not registered again
    assertThat(changes.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REMOVED);
    changes.expectNoMessage(HEARTBEAT_INTERVAL.multipliedBy(3));
    assertThat(await(registry.node("leaving-1"))).isEmpty();
  }

  private TestProbe<NodeChange> watchGroup(String group) {
    TestProbe<NodeChange> changes = kit.createTestProbe();
    opened.add(registry.watch(NodeQuery.all().inGroup(group), changes.ref()::tell));
    return changes;
  }

  private NodeRegistry.Agent agent(
      String nodeId, String group, Supplier<CompletionStage<HealthStatus>> health) {
    NodeRegistry.Agent agent =
        registry.startAgent(
            registration(nodeId, NodeType.EFFECT, "prod", group, HealthStatus.HEALTHY),
            TTL,
            health);
    opened.add(agent);
    return agent;
  }
}
