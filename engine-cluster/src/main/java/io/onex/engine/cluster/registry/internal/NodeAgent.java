package io.onex.engine.cluster.registry.internal;

import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeInfo;
import io.onex.engine.cluster.registry.NodeRegistration;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.core.error.NodeNotFoundException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Keeps one node registered: registers it, sends heartbeats every TTL / 3, registers it again when
 * the registry no longer knows it, and reports its health when it changes.
 */
final class NodeAgent {

  sealed interface Command {}

  private enum Beat implements Command {
    INSTANCE
  }

  private enum Stop implements Command {
    INSTANCE
  }

  /** A registration finished; {@code error} is null when it succeeded. */
  private record RegisterAnswered(HealthStatus health, NodeInfo node, Throwable error)
      implements Command {}

  private record HeartbeatAnswered(Throwable error) implements Command {}

  private record HealthObserved(HealthStatus health) implements Command {}

  private record Advertise(NodeRegistration registration) implements Command {}

  private record HealthReportAnswered(HealthStatus health, Throwable error) implements Command {}

  /**
   * What the agent knows: whether the registry knows the node, whether a registration is on its
   * way, the health last observed and the health the registry last accepted.
   */
  private record State(
      boolean registered, boolean registering, HealthStatus observed, HealthStatus reported) {

    State registering(boolean registering) {
      return new State(registered, registering, observed, reported);
    }
  }

  private final ActorContext<Command> context;
  private final NodeRegistry registry;
  private NodeRegistration registration;
  private final Duration ttl;
  private final Supplier<CompletionStage<HealthStatus>> health;

  private NodeAgent(
      ActorContext<Command> context,
      NodeRegistry registry,
      NodeRegistration registration,
      Duration ttl,
      Supplier<CompletionStage<HealthStatus>> health) {
    this.context = context;
    this.registry = registry;
    this.registration = registration;
    this.ttl = ttl;
    this.health = health;
  }

  static NodeRegistry.Agent start(
      ActorSystem<?> system,
      NodeRegistry registry,
      NodeRegistration registration,
      Duration ttl,
      Supplier<CompletionStage<HealthStatus>> health) {
    ActorRef<Command> agent =
        system.systemActorOf(
            create(registry, registration, ttl, health),
            "onex-node-agent-" + UUID.randomUUID(),
            Props.empty());
    return new Running(registration, agent);
  }

  static Behavior<Command> create(
      NodeRegistry registry,
      NodeRegistration registration,
      Duration ttl,
      Supplier<CompletionStage<HealthStatus>> health) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Beat.INSTANCE, ttl.dividedBy(3));
                  NodeAgent agent = new NodeAgent(context, registry, registration, ttl, health);
                  HealthStatus initial = registration.health();
                  return agent.active(agent.register(new State(false, false, initial, initial)));
                }));
  }

  private Behavior<Command> active(State state) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Beat.INSTANCE, () -> active(beat(state)))
        .onMessage(RegisterAnswered.class, answer -> active(registered(state, answer)))
        .onMessage(HeartbeatAnswered.class, answer -> active(heartbeatAnswered(state, answer)))
        .onMessage(HealthObserved.class, observed -> active(observed(state, observed.health())))
        .onMessage(HealthReportAnswered.class, answer -> active(reported(state, answer)))
        .onMessage(Advertise.class, advertise -> active(advertise(state, advertise)))
        .onMessageEquals(Stop.INSTANCE, this::stop)
        .build();
  }

  private State beat(State state) {
    if (!state.registered()) {
      return state.registering() ? state : register(state);
    }
    context.pipeToSelf(
        registry.heartbeat(registration.nodeId()), (node, error) -> new HeartbeatAnswered(error));
    context.pipeToSelf(
        checkHealth(),
        (status, error) ->
            new HealthObserved(error != null || status == null ? HealthStatus.UNKNOWN : status));
    return state;
  }

  private State advertise(State state, Advertise advertise) {
    registration = advertise.registration();
    return register(state);
  }

  private State register(State state) {
    HealthStatus current = state.observed();
    context.pipeToSelf(
        registry.register(registration.withHealth(current), ttl),
        (node, error) -> new RegisterAnswered(current, node, error));
    return new State(false, true, current, state.reported());
  }

  private State registered(State state, RegisterAnswered answer) {
    if (answer.error() != null) {
      context
          .getLog()
          .warn(
              "Could not register node {}; trying again at the next heartbeat: {}",
              registration.nodeId(),
              cause(answer.error()).toString());
      return state.registering(false);
    }
    context.getLog().debug("Registered node {}", answer.node().nodeId());
    return new State(true, false, state.observed(), answer.health());
  }

  private State heartbeatAnswered(State state, HeartbeatAnswered answer) {
    if (answer.error() == null) {
      return state;
    }
    if (isNotFound(answer.error())) {
      context
          .getLog()
          .info("Node {} is no longer registered; registering it again", registration.nodeId());
      return state.registering() ? state : register(state);
    }
    context
        .getLog()
        .warn(
            "Heartbeat of node {} failed: {}",
            registration.nodeId(),
            cause(answer.error()).toString());
    return state;
  }

  private State observed(State state, HealthStatus observed) {
    State next = new State(state.registered(), state.registering(), observed, state.reported());
    if (state.registered() && observed != state.reported()) {
      context.pipeToSelf(
          registry.updateHealth(registration.nodeId(), observed, Map.of()),
          (node, error) -> new HealthReportAnswered(observed, error));
    }
    return next;
  }

  private State reported(State state, HealthReportAnswered answer) {
    if (answer.error() == null) {
      return new State(state.registered(), state.registering(), state.observed(), answer.health());
    }
    if (isNotFound(answer.error())) {
      return state.registering() ? state : register(state);
    }
    return state;
  }

  private Behavior<Command> stop() {
    registry.unregister(registration.nodeId());
    return Behaviors.stopped();
  }

  private CompletionStage<HealthStatus> checkHealth() {
    try {
      return health.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static boolean isNotFound(Throwable error) {
    return cause(error) instanceof NodeNotFoundException;
  }

  private static Throwable cause(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  /** The handle {@link NodeRegistry#startAgent} returns. */
  private static final class Running implements NodeRegistry.Agent {

    private final String nodeId;
    private final ActorRef<Command> agent;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<NodeRegistration> registration;

    Running(NodeRegistration registration, ActorRef<Command> agent) {
      this.nodeId = registration.nodeId();
      this.agent = agent;
      this.registration = new AtomicReference<>(registration);
    }

    @Override
    public NodeRegistration registration() {
      return registration.get();
    }

    @Override
    public String nodeId() {
      return nodeId;
    }

    @Override
    public void advertise(NodeRegistration registration) {
      if (!registration.nodeId().equals(nodeId)) {
        throw new IllegalArgumentException(
            "Expected node '"
                + nodeId
                + "' to be advertised under its own id, but got '"
                + registration.nodeId()
                + "'");
      }
      this.registration.set(registration);
      agent.tell(new Advertise(registration));
    }

    @Override
    public void close() {
      if (running.compareAndSet(true, false)) {
        agent.tell(Stop.INSTANCE);
      }
    }
  }
}
