package io.onex.engine.cluster;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.cluster.lease.LeaseManager;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.replay.ReplayReport;
import io.onex.engine.persistence.ActionOutcome;
import io.onex.engine.persistence.HistoryPage;
import io.onex.engine.persistence.InstanceView;
import io.onex.engine.persistence.ReplayCheck;
import io.onex.engine.persistence.effects.EffectHandlers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A running engine node: hosts workflow instances (through Pekko Cluster Sharding, on its own or in
 * a cluster), applies actions to them and reads them back.
 *
 * <p>Guarantees: an action whose stage completes normally is journaled and survives a crash; a
 * stage that fails with a {@link io.onex.engine.core.WorkflowException} changed nothing. Actions to
 * one instance are applied one at a time in arrival order. Every method is thread-safe and returns
 * at once; the stages complete on the engine's own threads.
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

  /** Starts an instance of the latest version of {@code workflowType}. */
  CompletionStage<InstanceView> start(String workflowType, StartRequest request);

  /** Applies an action to an instance; completes with the instance after it and its intents. */
  CompletionStage<ActionOutcome> send(
      String workflowType, String instanceId, ActionRequest request);

  /** The instance as it is now. */
  CompletionStage<InstanceView> get(String workflowType, String instanceId);

  /** Up to {@code limit} journaled events of an instance, from sequence number {@code fromSeq}. */
  CompletionStage<HistoryPage> history(
      String workflowType, String instanceId, long fromSeq, int limit);

  /** The instance as it was right after event {@code sequence}, replayed with its versions. */
  CompletionStage<InstanceView> stateAt(String workflowType, String instanceId, long sequence);

  /** The instance's whole history replayed against {@code definitionVersion}. */
  CompletionStage<ReplayReport> replay(
      String workflowType, String instanceId, int definitionVersion);

  /** Every unfinished instance of the type replayed against {@code definitionVersion}. */
  CompletionStage<ReplayCheck> replayCheck(String workflowType, int definitionVersion);

  /** Every journaled event of the instance, for export. */
  CompletionStage<List<WorkflowEvent>> export(String workflowType, String instanceId);

  /** How many instances each registered version of the type has started. */
  CompletionStage<Map<Integer, Long>> instancesByVersion(String workflowType);

  /** Runs the health checks: journal reachable, this node an Up cluster member. */
  CompletionStage<EngineHealth> health();

  /** The cluster's members and where each workflow type's shards are hosted. */
  CompletionStage<ClusterView> cluster();

  /** The effect handlers of this node, built in and added. */
  EffectHandlers handlers();

  /**
   * The node's metrics: requests by workflow type and result, intents finished by type and outcome,
   * intents waiting, circuit breaker states (a Prometheus registry unless the builder was given
   * another).
   */
  MeterRegistry metrics();

  /** The state (CLOSED, OPEN, HALF_OPEN) of each handler target's circuit breaker. */
  Map<String, String> circuitBreakers();

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

  /** The agent keeping this node registered; {@link NodeRegistry.Agent#advertise} updates it. */
  NodeRegistry.Agent nodeAgent();

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
