package io.onex.engine.cluster.registry.internal;

import io.onex.engine.cluster.registry.NodeChange;
import io.onex.engine.cluster.registry.NodeQuery;
import io.onex.engine.cluster.registry.NodeRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/** One {@link NodeRegistry#watch}: a local actor subscribed to this member's topic of changes. */
final class NodeWatcher implements NodeRegistry.Subscription {

  private static final AtomicLong WATCHERS = new AtomicLong();

  private final ActorSystem<?> system;
  private final ActorRef<Topic.Command<NodeChange>> changes;
  private final ActorRef<NodeChange> watcher;
  private final AtomicBoolean open;

  private NodeWatcher(
      ActorSystem<?> system,
      ActorRef<Topic.Command<NodeChange>> changes,
      ActorRef<NodeChange> watcher,
      AtomicBoolean open) {
    this.system = system;
    this.changes = changes;
    this.watcher = watcher;
    this.open = open;
  }

  static NodeWatcher start(
      ActorSystem<?> system,
      ActorRef<Topic.Command<NodeChange>> changes,
      NodeQuery filter,
      Consumer<NodeChange> listener) {
    AtomicBoolean open = new AtomicBoolean(true);
    ActorRef<NodeChange> watcher =
        system.systemActorOf(
            behavior(filter, listener, open),
            "onex-node-watch-" + WATCHERS.incrementAndGet(),
            Props.empty());
    // Subscribing from the caller's thread, not from the watcher's start, puts the subscription
    // ahead of any change caused by a request this thread makes after watch returns.
    changes.tell(Topic.subscribe(watcher));
    return new NodeWatcher(system, changes, watcher, open);
  }

  private static Behavior<NodeChange> behavior(
      NodeQuery filter, Consumer<NodeChange> listener, AtomicBoolean open) {
    return Behaviors.receive(
        (context, change) -> {
          if (open.get() && filter.matches(change.node())) {
            try {
              listener.accept(change);
            } catch (RuntimeException e) {
              context
                  .getLog()
                  .warn(
                      "A node registry listener failed on {} of node {}",
                      change.kind(),
                      change.node().nodeId(),
                      e);
            }
          }
          return Behaviors.same();
        });
  }

  @Override
  public void close() {
    if (open.compareAndSet(true, false)) {
      changes.tell(Topic.unsubscribe(watcher));
      system.classicSystem().stop(Adapter.toClassic(watcher));
    }
  }
}
