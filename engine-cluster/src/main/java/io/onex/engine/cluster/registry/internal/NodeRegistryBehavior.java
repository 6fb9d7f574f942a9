package io.onex.engine.cluster.registry.internal;

import io.onex.engine.cluster.registry.NodeChange;
import io.onex.engine.cluster.registry.NodeInfo;
import io.onex.engine.cluster.registry.internal.RegistryCommand.CheckTtls;
import io.onex.engine.cluster.registry.internal.RegistryCommand.Discover;
import io.onex.engine.cluster.registry.internal.RegistryCommand.GetNode;
import io.onex.engine.cluster.registry.internal.RegistryCommand.Heartbeat;
import io.onex.engine.cluster.registry.internal.RegistryCommand.MemberReachable;
import io.onex.engine.cluster.registry.internal.RegistryCommand.MemberRemoved;
import io.onex.engine.cluster.registry.internal.RegistryCommand.MemberUnreachable;
import io.onex.engine.cluster.registry.internal.RegistryCommand.Register;
import io.onex.engine.cluster.registry.internal.RegistryCommand.Unregister;
import io.onex.engine.cluster.registry.internal.RegistryCommand.UpdateHealth;
import io.onex.engine.cluster.registry.internal.RegistryState.Step;
import java.time.Clock;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The registry singleton: applies each command to its {@link RegistryState}, replies, and publishes
 * the resulting changes. Its clock is injected; a timer checks TTLs and cluster membership events
 * arrive as commands.
 */
final class NodeRegistryBehavior {

  private final ActorContext<RegistryCommand> context;
  private final RegistrySettings settings;
  private final Clock clock;
  private final ActorRef<Topic.Command<NodeChange>> changes;

  private NodeRegistryBehavior(
      ActorContext<RegistryCommand> context,
      RegistrySettings settings,
      Clock clock,
      ActorRef<Topic.Command<NodeChange>> changes) {
    this.context = context;
    this.settings = settings;
    this.clock = clock;
    this.changes = changes;
  }

  static Behavior<RegistryCommand> create(
      RegistrySettings settings, Clock clock, ActorRef<Topic.Command<NodeChange>> changes) {
    return Behaviors.setup(
        context -> {
          subscribeToMembership(context);
          return Behaviors.withTimers(
              timers -> {
                timers.startTimerWithFixedDelay(CheckTtls.INSTANCE, settings.checkInterval());
                return new NodeRegistryBehavior(context, settings, clock, changes)
                    .running(RegistryState.empty());
              });
        });
  }

  private static void subscribeToMembership(ActorContext<RegistryCommand> context) {
    Cluster cluster = Cluster.get(context.getSystem());
    ActorRef<ClusterEvent.MemberRemoved> removed =
        context.messageAdapter(
            ClusterEvent.MemberRemoved.class,
            event -> new MemberRemoved(event.member().address().toString()));
    ActorRef<ClusterEvent.ReachabilityEvent> reachability =
        context.messageAdapter(
            ClusterEvent.ReachabilityEvent.class,
            event ->
                event instanceof ClusterEvent.UnreachableMember
                    ? new MemberUnreachable(event.member().address().toString())
                    : new MemberReachable(event.member().address().toString()));
    cluster.subscriptions().tell(Subscribe.create(removed, ClusterEvent.MemberRemoved.class));
    cluster
        .subscriptions()
        .tell(Subscribe.create(reachability, ClusterEvent.ReachabilityEvent.class));
  }

  private Behavior<RegistryCommand> running(RegistryState state) {
    return Behaviors.receive(RegistryCommand.class)
        .onMessage(
            Register.class,
            command ->
                answer(
                    state.register(command.registration(), command.ttl(), clock.instant()),
                    command.replyTo(),
                    command.registration().nodeId()))
        .onMessage(
            Heartbeat.class,
            command ->
                answer(
                    state.heartbeat(command.nodeId(), clock.instant()),
                    command.replyTo(),
                    command.nodeId()))
        .onMessage(
            UpdateHealth.class,
            command ->
                answer(
                    state.updateHealth(command.nodeId(), command.health(), command.detail()),
                    command.replyTo(),
                    command.nodeId()))
        .onMessage(
            Unregister.class,
            command -> {
              Step step = state.unregister(command.nodeId());
              Behavior<RegistryCommand> next = apply(step);
              command.replyTo().tell(new RegistryReply.Unregistered(step.node().isPresent()));
              return next;
            })
        .onMessage(
            GetNode.class,
            command -> {
              command.replyTo().tell(found(state.node(command.nodeId()), command.nodeId()));
              return Behaviors.same();
            })
        .onMessage(
            Discover.class,
            command -> {
              command.replyTo().tell(new RegistryReply.Listed(state.discover(command.query())));
              return Behaviors.same();
            })
        .onMessageEquals(
            CheckTtls.INSTANCE,
            () -> apply(state.checkTtls(clock.instant(), settings.removalAfter())))
        .onMessage(MemberRemoved.class, event -> apply(state.memberRemoved(event.address())))
        .onMessage(
            MemberUnreachable.class, event -> apply(state.memberUnreachable(event.address())))
        .onMessage(MemberReachable.class, event -> apply(state.memberReachable(event.address())))
        .build();
  }

  private Behavior<RegistryCommand> answer(
      Step step, ActorRef<RegistryReply> replyTo, String nodeId) {
    Behavior<RegistryCommand> next = apply(step);
    replyTo.tell(found(step.node(), nodeId));
    return next;
  }

  private static RegistryReply found(Optional<NodeInfo> node, String nodeId) {
    return node.<RegistryReply>map(RegistryReply.Found::new)
        .orElseGet(() -> new RegistryReply.NotFound(nodeId));
  }

  /**
   * Publishes the step's changes and moves to its state. Callers reply only after this, so a watch
   * opened once a request was answered never receives the change that request caused.
   */
  private Behavior<RegistryCommand> apply(Step step) {
    for (NodeChange change : step.changes()) {
      context.getLog().debug("Node {} {}", change.node().nodeId(), change.kind());
      changes.tell(Topic.publish(change));
    }
    return running(step.state());
  }
}
