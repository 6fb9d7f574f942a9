package io.onex.engine.cluster.internal;

import io.onex.engine.cluster.EngineOperations;
import io.onex.engine.cluster.EventStreams;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.lease.LeaseManager;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.WorkflowClient;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/** A started engine node: its actor system and the facets {@link EngineBootstrap} wired. */
final class ShardedWorkflowEngine implements WorkflowEngine {

  private final ActorSystem<Void> system;
  private final WorkflowRegistry registry;
  private final WorkflowClient client;
  private final EngineOperations operations;
  private final LeaseManager leases;
  private final NodeRegistry nodes;
  private final EventStreams events;

  ShardedWorkflowEngine(
      ActorSystem<Void> system,
      WorkflowRegistry registry,
      WorkflowClient client,
      EngineOperations operations,
      LeaseManager leases,
      NodeRegistry nodes,
      EventStreams events) {
    this.system = system;
    this.registry = registry;
    this.client = client;
    this.operations = operations;
    this.leases = leases;
    this.nodes = nodes;
    this.events = events;
  }

  @Override
  public EventStreams events() {
    return events;
  }

  @Override
  public WorkflowClient client() {
    return client;
  }

  @Override
  public EngineOperations operations() {
    return operations;
  }

  @Override
  public LeaseManager leases() {
    return leases;
  }

  @Override
  public NodeRegistry nodes() {
    return nodes;
  }

  @Override
  public WorkflowRegistry registry() {
    return registry;
  }

  @Override
  public ActorSystem<?> system() {
    return system;
  }

  /**
   * Runs Pekko's coordinated shutdown: the node leaves the cluster, its shards are handed off to
   * the remaining nodes (its instances that await work are woken there), then the actor system
   * terminates.
   */
  @Override
  public CompletionStage<Done> stop() {
    return CoordinatedShutdown.get(system)
        .runAll(CoordinatedShutdown.clusterLeavingReason())
        .thenCompose(done -> system.getWhenTerminated());
  }

  @Override
  public void close() {
    stop().toCompletableFuture().join();
  }
}
