package io.onex.engine.cluster.registry;

import static io.onex.engine.cluster.registry.RegistryCluster.await;
import static io.onex.engine.cluster.registry.RegistryCluster.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes that stop sending heartbeats expire after their TTL and are removed after removal-after.
 */
class TtlExpiryTest {

  private static final Duration SHORT_TTL = Duration.ofMillis(300);
  private static final Duration REMOVAL_AFTER = Duration.ofSeconds(1);

  private static ActorTestKit kit;
  private static NodeRegistry registry;

  private TestProbe<NodeChange> changes;
  private NodeRegistry.Subscription subscription;
  private final List<Cancellable> heartbeats = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    kit =
        RegistryCluster.singleNode(
            "TtlExpiryTest",
            Map.of(
                "onex.registry.check-interval",
                "100ms",
                "onex.registry.removal-after",
                REMOVAL_AFTER.toMillis() + "ms"));
    registry = NodeRegistry.create(kit.system());
  }

  @AfterAll
  static void stopCluster() {
    kit.shutdownTestKit();
  }

  @BeforeEach
  void watch() {
    // Nodes of earlier tests are unregistered; their last changes may still be on their way.
    java.util.Set<String> earlier = new java.util.HashSet<>();
    await(registry.discover(NodeQuery.all()))
        .forEach(
            node -> {
              earlier.add(node.nodeId());
              await(registry.unregister(node.nodeId()));
            });
    changes = kit.createTestProbe();
    TestProbe<NodeChange> probe = changes;
    subscription =
        registry.watch(
            NodeQuery.all(),
            change -> {
              if (!earlier.contains(change.node().nodeId())) {
                probe.ref().tell(change);
              }
            });
  }

  @AfterEach
  void stopWatchingAndBeating() {
    subscription.close();
    heartbeats.forEach(Cancellable::cancel);
  }

  @Test
  void shouldExpireThenRemoveANodeWhenItSendsNoHeartbeats() {
    // given
    await(registry.register(registration("silent", NodeType.EFFECT), SHORT_TTL));
    NodeChange registered = changes.receiveMessage();
    assertThat(registered.kind()).isEqualTo(NodeChange.Kind.REGISTERED);

    Instant lastHeartbeat = registered.node().lastHeartbeat();

    // when
    NodeChange expired = next();
    Duration expiredAfter = Duration.between(lastHeartbeat, Instant.now());
    NodeChange removed = next();
    Duration removedAfter = Duration.between(lastHeartbeat, Instant.now());

    // then
    assertThat(expiredAfter).isGreaterThan(SHORT_TTL);
    assertThat(removedAfter).isGreaterThan(SHORT_TTL.plus(REMOVAL_AFTER));
    assertThat(expired.kind()).isEqualTo(NodeChange.Kind.EXPIRED);
    assertThat(expired.node().nodeId()).isEqualTo("silent");
    assertThat(expired.node().expired()).isTrue();
    assertThat(expired.node().health()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(removed.kind()).isEqualTo(NodeChange.Kind.REMOVED);
    assertThat(removed.node().nodeId()).isEqualTo("silent");
    assertThat(await(registry.node("silent"))).isEmpty();
  }

  @Test
  void shouldKeepANodeWhenItKeepsSendingHeartbeats() {
    // given
    await(registry.register(registration("alive", NodeType.EFFECT), SHORT_TTL));
    await(registry.register(registration("silent", NodeType.EFFECT), SHORT_TTL));
    sendHeartbeats("alive");

    // when
    List<NodeChange> seen = List.of(next(), next(), next(), next());

    // then: the changes are published in order, and none of them is about the live node
    assertThat(seen)
        .extracting(change -> change.kind() + " " + change.node().nodeId())
        .containsExactly(
            "REGISTERED alive", "REGISTERED silent", "EXPIRED silent", "REMOVED silent");
    Awaitility.await()
        .during(SHORT_TTL.multipliedBy(2))
        .atMost(SHORT_TTL.multipliedBy(4))
        .until(() -> await(registry.node("alive")).filter(node -> !node.expired()).isPresent());
    changes.expectNoMessage(SHORT_TTL);
  }

  @Test
  void shouldReviveAnExpiredNodeWhenItSendsAHeartbeatBeforeItsRemoval() {
    // given
    await(
        registry.register(
            registration("late", NodeType.EFFECT, "prod", "eu", HealthStatus.DEGRADED), SHORT_TTL));
    assertThat(next().kind()).isEqualTo(NodeChange.Kind.REGISTERED);
    assertThat(next().kind()).isEqualTo(NodeChange.Kind.EXPIRED);

    // when
    NodeInfo revived = await(registry.heartbeat("late"));

    // then
    assertThat(revived.expired()).isFalse();
    assertThat(revived.health()).isEqualTo(HealthStatus.DEGRADED);
    NodeChange change = next();
    assertThat(change.kind()).isEqualTo(NodeChange.Kind.HEALTH_CHANGED);
    assertThat(change.node()).isEqualTo(revived);
  }

  @Test
  void shouldNotOfferAnExpiredGatewayWhenAnotherOneIsAlive() {
    // given
    await(
        registry.register(
            registration("gw-a", NodeType.GATEWAY, "prod", "eu", HealthStatus.HEALTHY), SHORT_TTL));
    await(
        registry.register(
            registration("gw-b", NodeType.GATEWAY, "prod", "eu", HealthStatus.DEGRADED),
            SHORT_TTL));
    sendHeartbeats("gw-b");
    assertThat(List.of(next(), next()))
        .allMatch(change -> change.kind() == NodeChange.Kind.REGISTERED);
    assertThat(await(registry.gatewayFor("eu"))).map(NodeInfo::nodeId).contains("gw-a");

    // when
    NodeChange expired = next();
    assertThat(expired.kind()).isEqualTo(NodeChange.Kind.EXPIRED);
    assertThat(expired.node().nodeId()).isEqualTo("gw-a");

    // then: gw-a is still listed, but expired
    assertThat(await(registry.gatewayFor("eu"))).map(NodeInfo::nodeId).contains("gw-b");
    assertThat(await(registry.node("gw-a"))).map(NodeInfo::expired).contains(true);
  }

  private NodeChange next() {
    return changes.receiveMessage(Duration.ofSeconds(5));
  }

  /** Sends heartbeats for a node every 50 ms until the test ends. */
  private void sendHeartbeats(String nodeId) {
    heartbeats.add(
        kit.system()
            .scheduler()
            .scheduleAtFixedRate(
                Duration.ZERO,
                Duration.ofMillis(50),
                () -> registry.heartbeat(nodeId),
                kit.system().executionContext()));
  }
}
