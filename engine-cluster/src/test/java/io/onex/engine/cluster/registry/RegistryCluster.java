package io.onex.engine.cluster.registry;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.awaitility.Awaitility;

/** Actor systems that are Up members of a cluster, and registrations to put in their registry. */
final class RegistryCluster {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private RegistryCluster() {}

  /** A system that formed a cluster of its own, with {@code settings} laid over the defaults. */
  static ActorTestKit singleNode(String name, Map<String, Object> settings) {
    ActorTestKit kit = ActorTestKit.create(name, config(settings));
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    awaitUp(kit.system());
    return kit;
  }

  /**
   * A system that joined the cluster of {@code seed}, with {@code settings} laid over the defaults.
   */
  static ActorTestKit joining(String name, ActorSystem<?> seed, Map<String, Object> settings) {
    ActorTestKit kit = ActorTestKit.create(name, config(settings));
    Cluster.get(kit.system()).manager().tell(Join.create(Cluster.get(seed).selfMember().address()));
    awaitUp(kit.system());
    return kit;
  }

  static String addressOf(ActorSystem<?> system) {
    return Cluster.get(system).selfMember().address().toString();
  }

  static NodeRegistration registration(
      String nodeId, NodeType type, String environment, String group, HealthStatus health) {
    return new NodeRegistration(
        nodeId,
        type,
        environment,
        group,
        "1.0.0",
        null,
        "http://" + nodeId + ":8080",
        List.of("http"),
        Map.of("slots", 4),
        health,
        Map.of("zone", "a"));
  }

  static NodeRegistration registration(String nodeId, NodeType type) {
    return registration(nodeId, type, "prod", "eu", HealthStatus.HEALTHY);
  }

  static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  private static Config config(Map<String, Object> settings) {
    Map<String, Object> cluster = new HashMap<>(settings);
    cluster.put("pekko.actor.provider", "cluster");
    cluster.put("pekko.remote.artery.canonical.hostname", "127.0.0.1");
    cluster.put("pekko.remote.artery.canonical.port", 0);
    cluster.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    return ConfigFactory.parseMap(cluster).withFallback(ConfigFactory.load()).resolve();
  }

  private static void awaitUp(ActorSystem<?> system) {
    Awaitility.await()
        .atMost(TIMEOUT)
        .until(() -> Cluster.get(system).selfMember().status() == MemberStatus.up());
  }
}
