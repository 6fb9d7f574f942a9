package io.onex.engine.cluster;

import com.typesafe.config.Config;
import io.onex.engine.cluster.lease.LeaseManager;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.WorkflowClient;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A running engine node: it hosts workflow instances (through Pekko Cluster Sharding, on its own or
 * in a cluster), runs their intents, and serves its facets: the {@link #client()} callers use, the
 * {@link #operations()} view of the node, the cluster's {@link #leases()} and {@link #nodes()}.
 *
 * <p>The engine hosts; the client calls: hand {@link #client()} to the code that starts and drives
 * instances. Every method is thread-safe; {@link #close()} and {@link #stop()} leave the cluster
 * and hand the node's instances to the remaining nodes before the actor system stops.
 */
public interface WorkflowEngine extends AutoCloseable {

  /**
   * Starts a node from {@code config} (resolved, with the engine's reference.conf as fallback)
   * hosting the definitions in {@code registry}: creates the journal schema when missing, starts
   * the actor system and joins the cluster. Blocks until the node can take requests.
   */
  static WorkflowEngine create(Config config, WorkflowRegistry registry) {
    return builder(config).workflows(registry).start();
  }

  /** Starts describing a node: its workflows, extra effect handlers and compute functions. */
  static WorkflowEngineBuilder builder(Config config) {
    return new WorkflowEngineBuilder(config);
  }

  /** The client of this node's instances (of the whole cluster's, through this node). */
  WorkflowClient client();

  /** The node's health, cluster view, effect handlers, metrics and registration. */
  EngineOperations operations();

  /**
   * The cluster's lease manager: leases with fencing tokens on workflow instances of single-writer
   * definitions ({@link io.onex.engine.core.WorkflowDefinition#leaseRequired()}) and on any other
   * resource.
   */
  LeaseManager leases();

  /**
   * The cluster's node registry: every engine node registers itself ({@code onex.node}) and keeps
   * its registration alive; discover nodes by type, environment, group and health, or watch them.
   */
  NodeRegistry nodes();

  /**
   * The journaled events as streams: an instance's history followed by its live events, or every
   * event of a workflow type.
   */
  EventStreams events();

  /** The workflow definitions this node hosts. */
  WorkflowRegistry registry();

  /** The node's actor system, for wiring further Pekko components. */
  ActorSystem<?> system();

  /** Leaves the cluster, hands instances off and stops the actor system. */
  CompletionStage<Done> stop();

  /** Stops the node and waits for it to terminate. */
  @Override
  void close();
}
