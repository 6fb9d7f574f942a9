package io.onex.engine.cluster.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeChange;
import io.onex.engine.cluster.registry.NodeInfo;
import io.onex.engine.cluster.registry.NodeQuery;
import io.onex.engine.cluster.registry.NodeRegistration;
import io.onex.engine.cluster.registry.NodeType;
import io.onex.engine.cluster.registry.internal.RegistryState.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The registry's state, step by step, without an actor system. */
class RegistryStateTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(15);
  private static final Duration REMOVAL_AFTER = Duration.ofSeconds(30);
  private static final String MEMBER_A = "pekko://onex@10.0.0.1:25520";
  private static final String MEMBER_B = "pekko://onex@10.0.0.2:25520";

  private static NodeRegistration node(String nodeId, String address, HealthStatus health) {
    return new NodeRegistration(
        nodeId, NodeType.EFFECT, "prod", "eu", "1.0.0", address, null, null, null, health, null);
  }

  private static RegistryState given(NodeRegistration... registrations) {
    RegistryState state = RegistryState.empty();
    for (NodeRegistration registration : registrations) {
      state = state.register(registration, TTL, T0).state();
    }
    return state;
  }

  private static List<String> kinds(Step step) {
    return step.changes().stream()
        .map(change -> change.kind() + " " + change.node().nodeId())
        .toList();
  }

  @Nested
  class Registering {

    @Test
    void shouldPublishRegisteredWhenTheNodeIsNew() {
      // when
      Step step = RegistryState.empty().register(node("n1", MEMBER_A, null), TTL, T0);

      // then
      assertThat(kinds(step)).containsExactly("REGISTERED n1");
      NodeInfo info = step.node().orElseThrow();
      assertThat(info.health()).isEqualTo(HealthStatus.UNKNOWN);
      assertThat(info.registeredAt()).isEqualTo(T0);
      assertThat(info.lastHeartbeat()).isEqualTo(T0);
      assertThat(info.ttlMs()).isEqualTo(TTL.toMillis());
    }

    @Test
    void shouldPublishUpdatedWhenTheNodeIsKnown() {
      // given
      RegistryState state = given(node("n1", MEMBER_A, HealthStatus.HEALTHY));

      // when
      Step step =
          state.register(node("n1", MEMBER_B, HealthStatus.DEGRADED), TTL, T0.plusSeconds(5));

      // then
      assertThat(kinds(step)).containsExactly("UPDATED n1");
      assertThat(step.state().node("n1").orElseThrow().address()).isEqualTo(MEMBER_B);
      assertThat(step.state().node("n1").orElseThrow().registeredAt()).isEqualTo(T0.plusSeconds(5));
    }
  }

  @Nested
  class Ttls {

    @Test
    void shouldKeepTheNodeWhenItsLastHeartbeatIsExactlyOneTtlOld() {
      // given
      RegistryState state = given(node("n1", MEMBER_A, HealthStatus.HEALTHY));

      // when
      Step step = state.checkTtls(T0.plus(TTL), REMOVAL_AFTER);

      // then
      assertThat(step.changes()).isEmpty();
      assertThat(step.state().node("n1").orElseThrow().expired()).isFalse();
    }

    @Test
    void shouldExpireTheNodeOnceWhenItsLastHeartbeatIsOlderThanItsTtl() {
      // given
      RegistryState state = given(node("n1", MEMBER_A, HealthStatus.HEALTHY));

      // when
      Step first = state.checkTtls(T0.plus(TTL).plusMillis(1), REMOVAL_AFTER);
      Step second = first.state().checkTtls(T0.plus(TTL).plusSeconds(1), REMOVAL_AFTER);

      // then
      assertThat(kinds(first)).containsExactly("EXPIRED n1");
      NodeInfo expired = first.state().node("n1").orElseThrow();
      assertThat(expired.expired()).isTrue();
      assertThat(expired.health()).isEqualTo(HealthStatus.UNKNOWN);
      assertThat(second.changes()).isEmpty();
    }

    @Test
    void shouldRemoveTheNodeWhenItStaysExpiredLongerThanRemovalAfter() {
      // given
      RegistryState state =
          given(node("n1", MEMBER_A, HealthStatus.HEALTHY))
              .checkTtls(T0.plus(TTL).plusMillis(1), REMOVAL_AFTER)
              .state();

      // when
      Step step = state.checkTtls(T0.plus(TTL).plus(REMOVAL_AFTER).plusMillis(1), REMOVAL_AFTER);

      // then
      assertThat(kinds(step)).containsExactly("REMOVED n1");
      assertThat(step.state().entries()).isEmpty();
    }

    @Test
    void shouldExpireAndRemoveInOneCheckWhenTheChecksWereDelayed() {
      // given
      RegistryState state = given(node("n1", MEMBER_A, HealthStatus.HEALTHY));

      // when
      Step step = state.checkTtls(T0.plus(TTL).plus(REMOVAL_AFTER).plusSeconds(1), REMOVAL_AFTER);

      // then
      assertThat(kinds(step)).containsExactly("EXPIRED n1", "REMOVED n1");
    }

    @Test
    void shouldReviveAnExpiredNodeWithItsReportedHealthWhenItSendsAHeartbeat() {
      // given
      RegistryState state =
          given(node("n1", MEMBER_A, HealthStatus.DEGRADED))
              .checkTtls(T0.plus(TTL).plusMillis(1), REMOVAL_AFTER)
              .state();

      // when
      Step step = state.heartbeat("n1", T0.plus(TTL).plusSeconds(2));

      // then
      assertThat(kinds(step)).containsExactly("HEALTH_CHANGED n1");
      NodeInfo revived = step.node().orElseThrow();
      assertThat(revived.expired()).isFalse();
      assertThat(revived.health()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(step.state().checkTtls(T0.plus(TTL).plusSeconds(3), REMOVAL_AFTER).changes())
          .isEmpty();
    }

    @Test
    void shouldFindNoNodeWhenAnUnknownNodeSendsAHeartbeat() {
      // when
      Step step = RegistryState.empty().heartbeat("ghost", T0);

      // then
      assertThat(step.node()).isEmpty();
      assertThat(step.changes()).isEmpty();
    }
  }

  @Nested
  class Membership {

    @Test
    void shouldMarkTheMembersNodesUnhealthyWhenItBecomesUnreachable() {
      // given
      RegistryState state =
          given(
              node("a1", MEMBER_A, HealthStatus.HEALTHY),
              node("a2", MEMBER_A, HealthStatus.DEGRADED),
              node("b1", MEMBER_B, HealthStatus.HEALTHY));

      // when
      Step step = state.memberUnreachable(MEMBER_A);

      // then
      assertThat(kinds(step)).containsExactly("HEALTH_CHANGED a1", "HEALTH_CHANGED a2");
      assertThat(step.changes())
          .map(NodeChange::node)
          .allSatisfy(
              node -> {
                assertThat(node.health()).isEqualTo(HealthStatus.UNHEALTHY);
                assertThat(node.healthDetail())
                    .containsExactly(Map.entry("cluster", "member unreachable"));
              });
      assertThat(step.state().node("b1").orElseThrow().health()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(step.state().memberUnreachable(MEMBER_A).changes()).isEmpty();
    }

    @Test
    void shouldRestoreTheLastReportedHealthWhenTheMemberIsReachableAgain() {
      // given
      RegistryState state =
          given(node("a1", MEMBER_A, HealthStatus.HEALTHY))
              .memberUnreachable(MEMBER_A)
              .state()
              .updateHealth("a1", HealthStatus.DEGRADED, Map.of("cache", "cold"))
              .state();
      assertThat(state.node("a1").orElseThrow().health()).isEqualTo(HealthStatus.UNHEALTHY);

      // when
      Step step = state.memberReachable(MEMBER_A);

      // then
      assertThat(kinds(step)).containsExactly("HEALTH_CHANGED a1");
      NodeInfo restored = step.state().node("a1").orElseThrow();
      assertThat(restored.health()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(restored.healthDetail()).containsExactly(Map.entry("cache", "cold"));
    }

    @Test
    void shouldKeepANodeUnhealthyWhenItRegistersAgainWhileItsMemberIsUnreachable() {
      // given
      RegistryState state =
          given(node("a1", MEMBER_A, HealthStatus.HEALTHY)).memberUnreachable(MEMBER_A).state();

      // when
      Step step = state.register(node("a1", MEMBER_A, HealthStatus.HEALTHY), TTL, T0);

      // then
      assertThat(step.node().orElseThrow().health()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void shouldRemoveOnlyTheMembersNodesWhenItIsRemoved() {
      // given
      RegistryState state =
          given(
              node("a1", MEMBER_A, HealthStatus.HEALTHY),
              node("b1", MEMBER_B, HealthStatus.HEALTHY),
              node("a2", MEMBER_A, HealthStatus.HEALTHY),
              node("outside", null, HealthStatus.HEALTHY));

      // when
      Step step = state.memberRemoved(MEMBER_A);

      // then
      assertThat(kinds(step)).containsExactly("REMOVED a1", "REMOVED a2");
      assertThat(step.state().discover(NodeQuery.all()))
          .extracting(NodeInfo::nodeId)
          .containsExactly("b1", "outside");
    }
  }

  @Nested
  class Health {

    @Test
    void shouldPublishNothingWhenTheReportedHealthDidNotChange() {
      // given
      RegistryState state = given(node("n1", MEMBER_A, HealthStatus.HEALTHY));

      // when
      Step step = state.updateHealth("n1", HealthStatus.HEALTHY, Map.of());

      // then
      assertThat(step.changes()).isEmpty();
      assertThat(step.node()).isPresent();
    }

    @Test
    void shouldPublishAHealthChangeWhenOnlyTheDetailChanged() {
      // given
      RegistryState state = given(node("n1", MEMBER_A, HealthStatus.DEGRADED));

      // when
      Step step = state.updateHealth("n1", HealthStatus.DEGRADED, Map.of("queue", "long"));

      // then
      assertThat(kinds(step)).containsExactly("HEALTH_CHANGED n1");
    }
  }

  @Test
  void shouldPublishRemovedWhenANodeIsUnregistered() {
    // given
    RegistryState state = given(node("n1", MEMBER_A, HealthStatus.HEALTHY));

    // when
    Step step = state.unregister("n1");

    // then
    assertThat(kinds(step)).containsExactly("REMOVED n1");
    assertThat(step.node()).isPresent();
    assertThat(step.state().entries()).isEmpty();
    assertThat(step.state().unregister("n1").node()).isEmpty();
  }
}
