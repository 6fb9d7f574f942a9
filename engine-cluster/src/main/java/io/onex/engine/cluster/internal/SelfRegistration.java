package io.onex.engine.cluster.internal;

import com.typesafe.config.Config;
import io.onex.engine.cluster.EngineOperations;
import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeRegistration;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.core.WorkflowRegistry;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Keeps this node registered in the node registry while it runs, reporting its health from its own
 * checks, and takes it out of the registry as the first step of a deliberate stop (a lost node is
 * removed when the cluster removes its member).
 */
final class SelfRegistration {

  private SelfRegistration() {}

  static NodeRegistry.Agent start(
      ActorSystem<?> system,
      Config config,
      WorkflowRegistry workflows,
      NodeRegistry nodes,
      EngineOperations operations) {
    NodeRegistration self =
        NodeDescription.of(
            config, Cluster.get(system).selfMember().address(), workflows, operations.handlers());
    NodeRegistry.Agent agent =
        nodes.startAgent(
            self,
            () ->
                operations
                    .health()
                    .thenApply(
                        checks ->
                            switch (checks.status()) {
                              case UP -> HealthStatus.HEALTHY;
                              case DEGRADED -> HealthStatus.DEGRADED;
                              case DOWN -> HealthStatus.UNHEALTHY;
                            }));
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeServiceUnbind(),
            "onex-node-unregister",
            () -> {
              agent.close();
              return nodes
                  .unregister(agent.nodeId())
                  .handle((removed, error) -> Done.getInstance());
            });
    return agent;
  }
}
