package io.onex.engine.cluster.registry.internal;

import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeChange;
import io.onex.engine.cluster.registry.NodeInfo;
import io.onex.engine.cluster.registry.NodeQuery;
import io.onex.engine.cluster.registry.NodeRegistration;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.cluster.registry.NodeType;
import io.onex.engine.core.error.EngineUnavailableException;
import io.onex.engine.core.error.NodeNotFoundException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.pubsub.Topic;

/** The registry as this member reaches it: asks through the singleton proxy. */
final class NodeRegistryClient implements NodeRegistry {

  private static final Comparator<NodeInfo> HEALTHIEST_FIRST =
      Comparator.comparing(NodeInfo::health).thenComparing(NodeInfo::nodeId);

  private final ActorSystem<?> system;
  private final ActorRef<RegistryCommand> registry;
  private final ActorRef<Topic.Command<NodeChange>> changes;
  private final RegistrySettings settings;

  NodeRegistryClient(
      ActorSystem<?> system,
      ActorRef<RegistryCommand> registry,
      ActorRef<Topic.Command<NodeChange>> changes,
      RegistrySettings settings) {
    this.system = system;
    this.registry = registry;
    this.changes = changes;
    this.settings = settings;
  }

  @Override
  public CompletionStage<NodeInfo> register(NodeRegistration registration, Duration ttl) {
    if (registration == null) {
      return invalid("Expected a node registration, but got null");
    }
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      return invalid(
          "Expected node '"
              + registration.nodeId()
              + "' to be registered with a positive TTL, but got "
              + ttl);
    }
    String nodeId = registration.nodeId();
    return ask(
        "register node '" + nodeId + "'",
        replyTo -> new RegistryCommand.Register(registration, ttl, replyTo),
        reply -> found(reply, nodeId));
  }

  @Override
  public CompletionStage<NodeInfo> register(NodeRegistration registration) {
    return register(registration, settings.ttl());
  }

  @Override
  public CompletionStage<Boolean> unregister(String nodeId) {
    return withNodeId(
        nodeId,
        () ->
            ask(
                "unregister node '" + nodeId + "'",
                replyTo -> new RegistryCommand.Unregister(nodeId, replyTo),
                reply -> ((RegistryReply.Unregistered) reply).removed()));
  }

  @Override
  public CompletionStage<NodeInfo> heartbeat(String nodeId) {
    return withNodeId(
        nodeId,
        () ->
            ask(
                "take a heartbeat of node '" + nodeId + "'",
                replyTo -> new RegistryCommand.Heartbeat(nodeId, replyTo),
                reply -> found(reply, nodeId)));
  }

  @Override
  public CompletionStage<NodeInfo> updateHealth(
      String nodeId, HealthStatus health, Map<String, String> detail) {
    if (health == null) {
      return invalid("Expected a health status for node '" + nodeId + "', but got null");
    }
    Map<String, String> details = detail == null ? Map.of() : Map.copyOf(detail);
    return withNodeId(
        nodeId,
        () ->
            ask(
                "update the health of node '" + nodeId + "'",
                replyTo -> new RegistryCommand.UpdateHealth(nodeId, health, details, replyTo),
                reply -> found(reply, nodeId)));
  }

  @Override
  public CompletionStage<List<NodeInfo>> discover(NodeQuery query) {
    NodeQuery matching = query == null ? NodeQuery.all() : query;
    return ask(
        "discover nodes matching " + matching,
        replyTo -> new RegistryCommand.Discover(matching, replyTo),
        reply -> ((RegistryReply.Listed) reply).nodes());
  }

  @Override
  public CompletionStage<Optional<NodeInfo>> node(String nodeId) {
    return withNodeId(
        nodeId,
        () ->
            ask(
                "look up node '" + nodeId + "'",
                replyTo -> new RegistryCommand.GetNode(nodeId, replyTo),
                reply ->
                    reply instanceof RegistryReply.Found found
                        ? Optional.of(found.node())
                        : Optional.empty()));
  }

  @Override
  public CompletionStage<Optional<NodeInfo>> gatewayFor(String group) {
    if (group == null || group.isBlank()) {
      return invalid("Expected a non-blank group to find a gateway for, but got " + group);
    }
    return discover(NodeQuery.all().withType(NodeType.GATEWAY).inGroup(group))
        .thenApply(
            gateways -> gateways.stream().filter(node -> !node.expired()).min(HEALTHIEST_FIRST));
  }

  @Override
  public Subscription watch(NodeQuery filter, Consumer<NodeChange> listener) {
    Objects.requireNonNull(listener, "listener");
    return NodeWatcher.start(system, changes, filter == null ? NodeQuery.all() : filter, listener);
  }

  @Override
  public Agent startAgent(
      NodeRegistration registration, Duration ttl, Supplier<CompletionStage<HealthStatus>> health) {
    Objects.requireNonNull(registration, "registration");
    Objects.requireNonNull(health, "health");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException(
          "Expected an agent for node '"
              + registration.nodeId()
              + "' to have a positive TTL, but got "
              + ttl);
    }
    return NodeAgent.start(system, this, registration, ttl, health);
  }

  @Override
  public Agent startAgent(
      NodeRegistration registration, Supplier<CompletionStage<HealthStatus>> health) {
    return startAgent(registration, settings.ttl(), health);
  }

  private <T> CompletionStage<T> ask(
      String what,
      Function<ActorRef<RegistryReply>, RegistryCommand> command,
      Function<RegistryReply, T> onReply) {
    return AskPattern.<RegistryCommand, RegistryReply>ask(
            registry, command::apply, settings.askTimeout(), system.scheduler())
        .handleAsync(
            (reply, error) -> {
              if (error != null) {
                throw unavailable(what, error);
              }
              return onReply.apply(reply);
            },
            system.executionContext());
  }

  private static NodeInfo found(RegistryReply reply, String nodeId) {
    if (reply instanceof RegistryReply.Found found) {
      return found.node();
    }
    throw new NodeNotFoundException(nodeId);
  }

  private EngineUnavailableException unavailable(String what, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    String why =
        cause instanceof TimeoutException
            ? "it did not answer within "
                + settings.askTimeout().toMillis()
                + " ms (onex.registry.ask-timeout); has this member joined its cluster?"
            : "the request failed: " + cause;
    return new EngineUnavailableException(
        "Expected the node registry to " + what + ", but " + why, cause);
  }

  private static <T> CompletionStage<T> withNodeId(
      String nodeId, Supplier<CompletionStage<T>> call) {
    if (nodeId == null || nodeId.isBlank()) {
      return invalid("Expected a non-blank node id, but got " + nodeId);
    }
    return call.get();
  }

  private static <T> CompletionStage<T> invalid(String message) {
    return CompletableFuture.failedFuture(new IllegalArgumentException(message));
  }
}
