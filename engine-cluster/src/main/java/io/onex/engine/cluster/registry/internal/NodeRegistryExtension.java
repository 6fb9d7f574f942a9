package io.onex.engine.cluster.registry.internal;

import io.onex.engine.cluster.registry.NodeChange;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.core.InternalApi;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The node registry of one actor system, created once per system: this member's topic of changes,
 * the singleton (started here when this member is the oldest) with its proxy, and the client.
 */
@InternalApi
public final class NodeRegistryExtension implements Extension {

  static final String SINGLETON_NAME = "onex-node-registry";
  static final String TOPIC_NAME = "onex-node-changes";

  private static final ExtensionId<NodeRegistryExtension> ID =
      new ExtensionId<>() {
        @Override
        public NodeRegistryExtension createExtension(ActorSystem<?> system) {
          return new NodeRegistryExtension(system);
        }
      };

  private final NodeRegistry registry;

  private NodeRegistryExtension(ActorSystem<?> system) {
    RegistrySettings settings = RegistrySettings.fromConfig(system.settings().config());
    // One topic actor per member: the singleton publishes through the one of the member hosting
    // it, and watchers subscribe to their own member's, so watches outlive a singleton move.
    ActorRef<Topic.Command<NodeChange>> changes =
        system.systemActorOf(Topic.create(NodeChange.class, TOPIC_NAME), TOPIC_NAME, Props.empty());
    // A restarted singleton starts empty like a moved one; the agents register their nodes again.
    ActorRef<RegistryCommand> singleton =
        ClusterSingleton.get(system)
            .init(
                SingletonActor.of(
                    Behaviors.supervise(
                            NodeRegistryBehavior.create(settings, Clock.systemUTC(), changes))
                        .onFailure(SupervisorStrategy.restart()),
                    SINGLETON_NAME));
    this.registry = new NodeRegistryClient(system, singleton, changes, settings);
  }

  /** The registry of {@code system}, started on first use. */
  public static NodeRegistry registry(ActorSystem<?> system) {
    return ID.apply(system).registry;
  }
}
