package io.onex.engine.cluster.registry;

import static io.onex.engine.cluster.registry.RegistryCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry follows cluster membership: unreachable members' nodes, removed members' nodes. */
class MembershipTest {

  private static final Duration TTL = Duration.ofMinutes(1);
  private static final Duration MEMBERSHIP_TIMEOUT = Duration.ofSeconds(20);

  private ActorTestKit first;
  private ActorTestKit second;

  @BeforeEach
  void startCluster() {
    // a quick failure detector, and a second member that crashes rather than leaving
    first =
        RegistryCluster.singleNode(
            "MembershipTest",
            Map.of(
                "pekko.cluster.failure-detector.heartbeat-interval", "200ms",
                "pekko.cluster.failure-detector.acceptable-heartbeat-pause", "1s"));
    second =
        RegistryCluster.joining(
            "MembershipTest",
            first.system(),
            Map.of("pekko.coordinated-shutdown.run-by-actor-system-terminate", "off"));
  }

  @AfterEach
  void stopCluster() {
    second.shutdownTestKit();
    first.shutdownTestKit();
  }

  @Test
  void shouldMarkNodesUnhealthyThenRemoveThemWhenTheirMemberIsLostThenDowned() {
    // given
    NodeRegistry registry = NodeRegistry.create(first.system());
    Address secondMember = Cluster.get(second.system()).selfMember().address();
    String secondAddress = secondMember.toString();
    await(registry.register(onMember("on-first", RegistryCluster.addressOf(first.system())), TTL));
    await(registry.register(onMember("on-second", secondAddress), TTL));
    TestProbe<NodeChange> changes = first.createTestProbe();
    // the registrations above may still be on their way to a new watcher; only later changes count
    registry.watch(
        NodeQuery.all(),
        change -> {
          if (change.kind() != NodeChange.Kind.REGISTERED) {
            changes.ref().tell(change);
          }
        });

    // when: the second member crashes
    second.shutdownTestKit();

    // then
    NodeChange unhealthy = changes.receiveMessage(MEMBERSHIP_TIMEOUT);
    assertThat(unhealthy.kind()).isEqualTo(NodeChange.Kind.HEALTH_CHANGED);
    assertThat(unhealthy.node().nodeId()).isEqualTo("on-second");
    assertThat(unhealthy.node().health()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(unhealthy.node().healthDetail()).containsEntry("cluster", "member unreachable");

    // when: it is downed
    Cluster.get(first.system()).manager().tell(new Down(secondMember));

    // then
    NodeChange removed = changes.receiveMessage(MEMBERSHIP_TIMEOUT);
    assertThat(removed.kind()).isEqualTo(NodeChange.Kind.REMOVED);
    assertThat(removed.node().nodeId()).isEqualTo("on-second");
    assertThat(await(registry.discover(NodeQuery.all())))
        .extracting(NodeInfo::nodeId, NodeInfo::health)
        .containsExactly(tuple("on-first", HealthStatus.HEALTHY));
  }

  private static NodeRegistration onMember(String nodeId, String address) {
    return new NodeRegistration(
        nodeId,
        NodeType.REDUCER,
        "prod",
        "eu",
        "1.0.0",
        address,
        null,
        List.of(),
        Map.of(),
        HealthStatus.HEALTHY,
        Map.of());
  }
}
