package io.onex.engine.cluster.registry;

import io.onex.engine.cluster.registry.internal.NodeRegistryExtension;
import io.onex.engine.core.error.NodeNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The cluster's node registry: nodes register with a TTL and keep themselves alive with heartbeats;
 * anyone can discover them, find a gateway for a group, and watch changes.
 *
 * <p>The registry is one Pekko cluster singleton holding its nodes in memory. When it moves to
 * another member (its host left or crashed) it starts empty and the nodes' {@linkplain #startAgent
 * agents} register them again within one heartbeat interval; watchers keep receiving changes across
 * the move. Besides TTLs it follows cluster membership: nodes whose member is removed are removed,
 * nodes whose member is unreachable are {@link HealthStatus#UNHEALTHY} until it is reachable again.
 *
 * <p>Every method is thread-safe and returns at once; stages complete on the actor system's
 * threads. A stage fails with {@link NodeNotFoundException} where the node must exist and does not,
 * with {@link IllegalArgumentException} for an invalid argument, and with {@link
 * io.onex.engine.core.error.EngineUnavailableException} when the registry does not answer within
 * {@code onex.registry.ask-timeout}. Changes from one registry are applied one at a time, and a
 * watcher receives those it matches in the order they were applied.
 */
public interface NodeRegistry {

  /**
   * The registry of {@code system}'s cluster, started on first use: the singleton (hosted by the
   * oldest member) and this member's proxy to it. Calling it again for the same system returns the
   * same registry. The system must use the {@code cluster} actor provider; the registry answers
   * once this member has joined.
   */
  static NodeRegistry create(ActorSystem<?> system) {
    return NodeRegistryExtension.registry(system);
  }

  /**
   * Registers a node, or replaces the registration of a node with the same id, and counts it alive
   * for {@code ttl} from now. Publishes {@link NodeChange.Kind#REGISTERED} for a new node and
   * {@link NodeChange.Kind#UPDATED} for a replaced one.
   */
  CompletionStage<NodeInfo> register(NodeRegistration registration, Duration ttl);

  /** Registers a node with the configured TTL, {@code onex.registry.ttl}. */
  CompletionStage<NodeInfo> register(NodeRegistration registration);

  /**
   * Removes a node; completes with whether it was registered. Publishes {@link
   * NodeChange.Kind#REMOVED} when it was.
   */
  CompletionStage<Boolean> unregister(String nodeId);

  /**
   * Counts the node alive for another TTL from now and clears {@code expired}; publishes {@link
   * NodeChange.Kind#HEALTH_CHANGED} when the node had expired. Fails with {@link
   * NodeNotFoundException} when the node is not registered.
   */
  CompletionStage<NodeInfo> heartbeat(String nodeId);

  /**
   * Records the node's own report of its health; publishes {@link NodeChange.Kind#HEALTH_CHANGED}
   * when its health or detail changed. Fails with {@link NodeNotFoundException} when the node is
   * not registered.
   */
  CompletionStage<NodeInfo> updateHealth(
      String nodeId, HealthStatus health, Map<String, String> detail);

  /** The registered nodes matching {@code query}, expired ones included, sorted by node id. */
  CompletionStage<List<NodeInfo>> discover(NodeQuery query);

  /** The node with id {@code nodeId}, if registered. */
  CompletionStage<Optional<NodeInfo>> node(String nodeId);

  /**
   * A {@link NodeType#GATEWAY} node of {@code group} that has not expired, the healthiest first (in
   * the order of {@link HealthStatus}), then the lowest node id; empty when there is none.
   */
  CompletionStage<Optional<NodeInfo>> gatewayFor(String group);

  /**
   * Calls {@code listener} with every change to a node matching {@code filter} (matched against the
   * node as the change carries it) until the subscription is closed. Changes are delivered through
   * the cluster's pub-sub on this member: at most once, one at a time, in the order the registry
   * applied them; changes applied before this call returns are not delivered. The listener runs on
   * an actor thread and must not block; an exception it throws is logged and does not end the
   * subscription.
   */
  Subscription watch(NodeQuery filter, Consumer<NodeChange> listener);

  /**
   * Keeps a node registered for as long as this actor system runs: registers it, sends a heartbeat
   * every {@code ttl / 3}, registers it again whenever the registry no longer knows it (it moved,
   * or the node was removed), and at every heartbeat asks {@code health} for the node's health and
   * reports it when it changed. A health check that fails counts as {@link HealthStatus#UNKNOWN}.
   * Closing the agent stops it and unregisters the node.
   */
  Agent startAgent(
      NodeRegistration registration, Duration ttl, Supplier<CompletionStage<HealthStatus>> health);

  /** Starts an agent with the configured TTL, {@code onex.registry.ttl}. */
  Agent startAgent(NodeRegistration registration, Supplier<CompletionStage<HealthStatus>> health);

  /** A running {@link #watch}. */
  interface Subscription extends AutoCloseable {

    /**
     * Ends the subscription: once it returns the listener is not called again. Idempotent; never
     * throws.
     */
    @Override
    void close();
  }

  /** A running {@link #startAgent agent} keeping one node registered. */
  interface Agent extends AutoCloseable {

    /** The id of the node the agent keeps registered. */
    String nodeId();

    /** The registration the agent keeps, as last advertised. */
    NodeRegistration registration();

    /**
     * Registers the node again as {@code registration} from now on (the registry publishes {@link
     * NodeChange.Kind#UPDATED}); for example once its gateway is listening. The node id must stay
     * the same.
     */
    void advertise(NodeRegistration registration);

    /** Stops the agent and unregisters its node. Idempotent; never throws. */
    @Override
    void close();
  }
}
