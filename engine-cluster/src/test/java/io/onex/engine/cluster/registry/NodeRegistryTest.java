package io.onex.engine.cluster.registry;

import static io.onex.engine.cluster.registry.RegistryCluster.await;
import static io.onex.engine.cluster.registry.RegistryCluster.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.error.NodeNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The registry's requests on a single-member cluster. */
class NodeRegistryTest {

  private static final Duration TTL = Duration.ofMinutes(1);

  private static ActorTestKit kit;
  private static NodeRegistry registry;

  @BeforeAll
  static void startCluster() {
    kit = RegistryCluster.singleNode("NodeRegistryTest", Map.of());
    registry = NodeRegistry.create(kit.system());
  }

  @AfterAll
  static void stopCluster() {
    kit.shutdownTestKit();
  }

  @BeforeEach
  void emptyRegistry() {
    await(registry.discover(NodeQuery.all()))
        .forEach(node -> await(registry.unregister(node.nodeId())));
  }

  @Test
  void shouldReturnTheSameRegistryWhenCreatedTwiceForOneSystem() {
    // when
    NodeRegistry again = NodeRegistry.create(kit.system());

    // then
    assertThat(again).isSameAs(registry);
  }

  @Nested
  class Register {

    @Test
    void shouldListTheNodeWithItsRegistrationWhenRegistered() {
      // given
      Instant before = Instant.now();
      NodeRegistration effect =
          registration("effect-1", NodeType.EFFECT, "prod", "eu", HealthStatus.HEALTHY);

      // when
      NodeInfo registered = await(registry.register(effect, TTL));

      // then
      assertThat(registered.nodeId()).isEqualTo("effect-1");
      assertThat(registered.type()).isEqualTo(NodeType.EFFECT);
      assertThat(registered.environment()).isEqualTo("prod");
      assertThat(registered.group()).isEqualTo("eu");
      assertThat(registered.version()).isEqualTo("1.0.0");
      assertThat(registered.endpoint()).isEqualTo("http://effect-1:8080");
      assertThat(registered.capabilities()).containsExactly("http");
      assertThat(registered.capacity()).containsExactly(Map.entry("slots", 4));
      assertThat(registered.metadata()).containsExactly(Map.entry("zone", "a"));
      assertThat(registered.health()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(registered.ttlMs()).isEqualTo(TTL.toMillis());
      assertThat(registered.expired()).isFalse();
      assertThat(registered.registeredAt()).isAfterOrEqualTo(before);
      assertThat(registered.lastHeartbeat()).isEqualTo(registered.registeredAt());
      assertThat(await(registry.node("effect-1"))).contains(registered);
    }

    @Test
    void shouldReplaceTheRegistrationWhenTheSameIdRegistersAgain() {
      // given
      await(registry.register(registration("effect-1", NodeType.EFFECT), TTL));

      // when
      await(
          registry.register(
              registration("effect-1", NodeType.COMPUTE, "staging", "us", HealthStatus.DEGRADED),
              TTL));

      // then
      List<NodeInfo> nodes = await(registry.discover(NodeQuery.all()));
      assertThat(nodes).hasSize(1);
      assertThat(nodes.get(0).type()).isEqualTo(NodeType.COMPUTE);
      assertThat(nodes.get(0).environment()).isEqualTo("staging");
      assertThat(nodes.get(0).health()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void shouldUseTheConfiguredTtlWhenRegisteredWithoutOne() {
      // when
      NodeInfo registered = await(registry.register(registration("effect-1", NodeType.EFFECT)));

      // then
      assertThat(registered.ttlMs())
          .isEqualTo(kit.system().settings().config().getDuration("onex.registry.ttl").toMillis());
    }

    @Test
    void shouldFailWhenTheTtlIsNotPositive() {
      // when / then
      assertThat(
              registry
                  .register(registration("effect-1", NodeType.EFFECT), Duration.ZERO)
                  .toCompletableFuture())
          .failsWithin(RegistryCluster.TIMEOUT)
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(IllegalArgumentException.class)
          .withMessageContaining("positive TTL");
    }
  }

  @Nested
  class Heartbeat {

    @Test
    void shouldMoveTheLastHeartbeatWhenTheNodeSendsOne() {
      // given
      NodeInfo registered =
          await(registry.register(registration("effect-1", NodeType.EFFECT), TTL));

      // when
      NodeInfo beaten = await(registry.heartbeat("effect-1"));

      // then
      assertThat(beaten.lastHeartbeat()).isAfterOrEqualTo(registered.lastHeartbeat());
      assertThat(beaten.registeredAt()).isEqualTo(registered.registeredAt());
      assertThat(beaten.expired()).isFalse();
      assertThat(await(registry.node("effect-1"))).contains(beaten);
    }

    @Test
    void shouldFailWithNodeNotFoundWhenTheNodeIsUnknown() {
      // when / then
      assertThat(registry.heartbeat("ghost").toCompletableFuture())
          .failsWithin(RegistryCluster.TIMEOUT)
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(NodeNotFoundException.class)
          .withMessageContaining("Expected node 'ghost' to be registered, but it is not");
    }
  }

  @Nested
  class UpdateHealth {

    @Test
    void shouldRecordTheHealthAndItsDetailWhenTheNodeReportsIt() {
      // given
      await(registry.register(registration("effect-1", NodeType.EFFECT), TTL));

      // when
      NodeInfo updated =
          await(
              registry.updateHealth(
                  "effect-1", HealthStatus.DEGRADED, Map.of("database", "replica lagging")));

      // then
      assertThat(updated.health()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(updated.healthDetail()).containsExactly(Map.entry("database", "replica lagging"));
      assertThat(await(registry.node("effect-1"))).contains(updated);
    }

    @Test
    void shouldFailWithNodeNotFoundWhenTheNodeIsUnknown() {
      // when / then
      assertThat(
              registry.updateHealth("ghost", HealthStatus.HEALTHY, Map.of()).toCompletableFuture())
          .failsWithin(RegistryCluster.TIMEOUT)
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(NodeNotFoundException.class);
    }
  }

  @Nested
  class Discover {

    @BeforeEach
    void registerNodes() {
      // registered out of order: discover sorts by node id
      await(
          registry.register(
              registration("e", NodeType.EFFECT, "staging", "us", HealthStatus.HEALTHY), TTL));
      await(
          registry.register(
              registration("c", NodeType.GATEWAY, "prod", "eu", HealthStatus.HEALTHY), TTL));
      await(
          registry.register(
              registration("a", NodeType.EFFECT, "prod", "eu", HealthStatus.HEALTHY), TTL));
      await(
          registry.register(
              registration("d", NodeType.GATEWAY, "staging", "eu", HealthStatus.UNHEALTHY), TTL));
      await(
          registry.register(
              registration("b", NodeType.COMPUTE, "prod", "us", HealthStatus.DEGRADED), TTL));
    }

    @Test
    void shouldListEveryNodeSortedByIdWhenTheQueryMatchesAll() {
      assertThat(ids(NodeQuery.all())).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void shouldListNodesOfTheTypeWhenFilteredByType() {
      assertThat(ids(NodeQuery.all().withType(NodeType.EFFECT))).containsExactly("a", "e");
    }

    @Test
    void shouldListNodesOfTheEnvironmentWhenFilteredByEnvironment() {
      assertThat(ids(NodeQuery.all().inEnvironment("staging"))).containsExactly("d", "e");
    }

    @Test
    void shouldListNodesOfTheGroupWhenFilteredByGroup() {
      assertThat(ids(NodeQuery.all().inGroup("eu"))).containsExactly("a", "c", "d");
    }

    @Test
    void shouldListNodesWithTheHealthWhenFilteredByHealth() {
      assertThat(ids(NodeQuery.all().withHealth(HealthStatus.HEALTHY)))
          .containsExactly("a", "c", "e");
    }

    @Test
    void shouldListNodesMatchingEveryFieldWhenFiltersAreCombined() {
      assertThat(ids(new NodeQuery(NodeType.GATEWAY, null, "eu", HealthStatus.HEALTHY)))
          .containsExactly("c");
      assertThat(ids(new NodeQuery(NodeType.EFFECT, "prod", "us", null))).isEmpty();
    }

    private List<String> ids(NodeQuery query) {
      return await(registry.discover(query)).stream().map(NodeInfo::nodeId).toList();
    }
  }

  @Nested
  class GatewayFor {

    @Test
    void shouldPreferTheHealthierGatewayWhenTheGroupHasSeveral() {
      // given
      await(
          registry.register(
              registration("gw-a", NodeType.GATEWAY, "prod", "eu", HealthStatus.UNHEALTHY), TTL));
      await(
          registry.register(
              registration("gw-b", NodeType.GATEWAY, "prod", "eu", HealthStatus.HEALTHY), TTL));
      await(
          registry.register(
              registration("gw-c", NodeType.GATEWAY, "prod", "us", HealthStatus.HEALTHY), TTL));
      await(
          registry.register(
              registration("effect-1", NodeType.EFFECT, "prod", "eu", HealthStatus.HEALTHY), TTL));

      // when
      var gateway = await(registry.gatewayFor("eu"));

      // then
      assertThat(gateway).map(NodeInfo::nodeId).contains("gw-b");
    }

    @Test
    void shouldFindNoneWhenTheGroupHasNoGateway() {
      // given
      await(
          registry.register(
              registration("effect-1", NodeType.EFFECT, "prod", "eu", HealthStatus.HEALTHY), TTL));

      // when / then
      assertThat(await(registry.gatewayFor("eu"))).isEmpty();
    }
  }

  @Nested
  class Unregister {

    @Test
    void shouldRemoveTheNodeWhenUnregistered() {
      // given
      await(registry.register(registration("effect-1", NodeType.EFFECT), TTL));

      // when
      boolean removed = await(registry.unregister("effect-1"));

      // then
      assertThat(removed).isTrue();
      assertThat(await(registry.node("effect-1"))).isEmpty();
      assertThat(await(registry.discover(NodeQuery.all()))).isEmpty();
    }

    @Test
    void shouldAnswerFalseWhenTheNodeIsUnknown() {
      assertThat(await(registry.unregister("ghost"))).isFalse();
    }
  }
}
