package io.onex.engine.cluster.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeChange;
import io.onex.engine.cluster.registry.NodeInfo;
import io.onex.engine.cluster.registry.NodeQuery;
import io.onex.engine.cluster.registry.NodeRegistration;
import io.onex.engine.cluster.registry.NodeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every message that may cross cluster members survives a round trip through its serializer. */
class RegistrySerializationTest {

  private static ActorTestKit kit;
  private static SerializationTestKit serialization;
  private static ActorRef<RegistryReply> replyTo;

  private static final NodeRegistration REGISTRATION =
      new NodeRegistration(
          "n1",
          NodeType.GATEWAY,
          "prod",
          "eu",
          "1.2.3",
          "pekko://onex@127.0.0.1:25520",
          "http://n1:8080",
          List.of("http", "kafka"),
          Map.of("slots", 8),
          HealthStatus.DEGRADED,
          Map.of("zone", "b"));

  private static final NodeInfo NODE =
      new NodeInfo(
          "n1",
          NodeType.GATEWAY,
          "prod",
          "eu",
          "1.2.3",
          "pekko://onex@127.0.0.1:25520",
          null,
          List.of("http"),
          Map.of("slots", 8),
          HealthStatus.UNKNOWN,
          Map.of("zone", "b"),
          Instant.parse("2025-01-01T00:00:00.123456Z"),
          Instant.parse("2025-01-01T00:00:10Z"),
          15_000,
          true,
          Map.of("registry", "no heartbeat within 15000 ms"));

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create("RegistrySerializationTest");
    serialization = kit.serializationTestKit();
    replyTo = kit.<RegistryReply>createTestProbe().ref();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void shouldSerializeAChangeAsJsonWhenItIsPublished() {
    // given
    NodeChange change = new NodeChange(NodeChange.Kind.EXPIRED, NODE);

    // when
    NodeChange copy = serialization.verifySerialization(change, true);

    // then
    assertThat(copy).isEqualTo(change);
    assertThat(
            SerializationExtension.get(kit.system().classicSystem())
                .findSerializerFor(change)
                .getClass()
                .getSimpleName())
        .isEqualTo("JacksonJsonSerializer");
  }

  @Test
  void shouldSerializeEveryRequestWhenSentToTheSingleton() {
    List<RegistryCommand> commands =
        List.of(
            new RegistryCommand.Register(REGISTRATION, Duration.ofSeconds(15), replyTo),
            new RegistryCommand.Unregister("n1", replyTo),
            new RegistryCommand.Heartbeat("n1", replyTo),
            new RegistryCommand.UpdateHealth(
                "n1", HealthStatus.CRITICAL, Map.of("disk", "full"), replyTo),
            new RegistryCommand.Discover(
                NodeQuery.all().withType(NodeType.EFFECT).inGroup("eu"), replyTo),
            new RegistryCommand.Discover(NodeQuery.all(), replyTo),
            new RegistryCommand.GetNode("n1", replyTo));

    commands.forEach(command -> serialization.verifySerialization(command, true));
  }

  @Test
  void shouldSerializeEveryReplyWhenSentBack() {
    List<RegistryReply> replies =
        List.of(
            new RegistryReply.Found(NODE),
            new RegistryReply.NotFound("n1"),
            new RegistryReply.Unregistered(true),
            new RegistryReply.Listed(List.of(NODE, NODE)));

    replies.forEach(reply -> serialization.verifySerialization(reply, true));
  }
}
