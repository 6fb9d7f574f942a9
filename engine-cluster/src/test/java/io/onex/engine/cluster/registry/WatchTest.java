package io.onex.engine.cluster.registry;

import static io.onex.engine.cluster.registry.RegistryCluster.await;
import static io.onex.engine.cluster.registry.RegistryCluster.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Watchers receive the changes to the nodes they match, until they close their subscription. */
class WatchTest {

  private static final Duration TTL = Duration.ofMinutes(1);
  private static final Duration QUIET = Duration.ofMillis(500);

  private static ActorTestKit kit;
  private static NodeRegistry registry;

  private final List<NodeRegistry.Subscription> opened = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    kit = RegistryCluster.singleNode("WatchTest", Map.of());
    registry = NodeRegistry.create(kit.system());
  }

  @AfterAll
  static void stopCluster() {
    kit.shutdownTestKit();
  }

  @AfterEach
  void closeWatches() {
    opened.forEach(NodeRegistry.Subscription::close);
  }

  private TestProbe<NodeChange> watch(NodeQuery filter) {
    TestProbe<NodeChange> changes = kit.createTestProbe();
    opened.add(registry.watch(filter, changes.ref()::tell));
    return changes;
  }

  @Test
  void shouldDeliverOnlyChangesOfMatchingNodesWhenTheWatchHasAFilter() {
    // given
    TestProbe<NodeChange> gateways = watch(NodeQuery.all().withType(NodeType.GATEWAY));

    // when: changes of a gateway and an effect node, interleaved
    await(registry.register(registration("gw-1", NodeType.GATEWAY), TTL));
    await(registry.register(registration("effect-1", NodeType.EFFECT), TTL));
    await(registry.updateHealth("gw-1", HealthStatus.CRITICAL, Map.of("disk", "full")));
    await(registry.updateHealth("effect-1", HealthStatus.CRITICAL, Map.of("disk", "full")));
    await(registry.register(registration("gw-1", NodeType.GATEWAY), TTL));
    await(registry.unregister("gw-1"));
    await(registry.unregister("effect-1"));

    // then
    NodeChange registered = gateways.receiveMessage();
    assertThat(registered.kind()).isEqualTo(NodeChange.Kind.REGISTERED);
    assertThat(registered.node().nodeId()).isEqualTo("gw-1");
    NodeChange healthChanged = gateways.receiveMessage();
    assertThat(healthChanged.kind()).isEqualTo(NodeChange.Kind.HEALTH_CHANGED);
    assertThat(healthChanged.node().nodeId()).isEqualTo("gw-1");
    assertThat(healthChanged.node().health()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(healthChanged.node().healthDetail()).containsExactly(Map.entry("disk", "full"));
    NodeChange updated = gateways.receiveMessage();
    assertThat(updated.kind()).isEqualTo(NodeChange.Kind.UPDATED);
    assertThat(updated.node().health()).isEqualTo(HealthStatus.HEALTHY);
    NodeChange removed = gateways.receiveMessage();
    assertThat(removed.kind()).isEqualTo(NodeChange.Kind.REMOVED);
    assertThat(removed.node().nodeId()).isEqualTo("gw-1");
    gateways.expectNoMessage(QUIET);
  }

  @Test
  void shouldNotPublishAHealthChangeWhenTheReportedHealthIsTheSame() {
    // given
    await(
        registry.register(
            registration("effect-2", NodeType.EFFECT, "prod", "eu", HealthStatus.HEALTHY), TTL));
    TestProbe<NodeChange> all = watch(NodeQuery.all());

    // when
    await(registry.updateHealth("effect-2", HealthStatus.HEALTHY, Map.of()));
    await(registry.heartbeat("effect-2"));
    await(registry.unregister("effect-2"));

    // then: only the removal is a change
    assertThat(all.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REMOVED);
    all.expectNoMessage(QUIET);
  }

  @Test
  void shouldDeliverNothingMoreWhenTheSubscriptionIsClosed() {
    // given
    TestProbe<NodeChange> closed = kit.createTestProbe();
    NodeRegistry.Subscription closing = registry.watch(NodeQuery.all(), closed.ref()::tell);
    TestProbe<NodeChange> open = watch(NodeQuery.all());
    await(registry.register(registration("gw-2", NodeType.GATEWAY), TTL));
    assertThat(closed.receiveMessage().node().nodeId()).isEqualTo("gw-2");
    assertThat(open.receiveMessage().node().nodeId()).isEqualTo("gw-2");

    // when
    closing.close();
    closing.close();
    await(registry.register(registration("gw-3", NodeType.GATEWAY), TTL));
    await(registry.unregister("gw-2"));

    // then: the changes were published, the closed watch saw none of them
    assertThat(open.receiveMessage().node().nodeId()).isEqualTo("gw-3");
    assertThat(open.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REMOVED);
    closed.expectNoMessage(QUIET);
    await(registry.unregister("gw-3"));
  }

  @Test
  void shouldKeepDeliveringWhenTheListenerThrows() {
    // given
    TestProbe<NodeChange> seen = kit.createTestProbe();
    opened.add(
        registry.watch(
            NodeQuery.all().inGroup("throwing"),
            change -> {
              seen.ref().tell(change);
              throw new IllegalStateException("listener failed on purpose");
            }));

    // when
    await(
        registry.register(
            registration("effect-3", NodeType.EFFECT, "prod", "throwing", HealthStatus.HEALTHY),
            TTL));
    await(registry.unregister("effect-3"));

    // then
    assertThat(seen.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REGISTERED);
    assertThat(seen.receiveMessage().kind()).isEqualTo(NodeChange.Kind.REMOVED);
  }
}
