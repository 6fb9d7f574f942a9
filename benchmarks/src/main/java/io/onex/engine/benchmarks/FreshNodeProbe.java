package io.onex.engine.benchmarks;

import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.node.NodeConfig;
import io.onex.engine.samples.Samples;
import io.onex.engine.samples.order.OrderWorkflow;

/**
 * Started as a new process by the recovery scenario: starts a node on the journal given by system
 * properties, times the first answer of one instance, prints {@code FIRST_ANSWER_MS=<ms>
 * SEQUENCE=<n>} and exits. A restarted node is a new process, so this is what its first answer
 * costs.
 */
public final class FreshNodeProbe {

  private FreshNodeProbe() {}

  public static void main(String[] args) {
    String instanceId = args[0];
    try (WorkflowEngine engine = WorkflowEngine.create(NodeConfig.load(), Samples.registry())) {
      long started = System.nanoTime();
      InstanceView view =
          engine.client().get(OrderWorkflow.TYPE, instanceId).toCompletableFuture().join();
      double ms = (System.nanoTime() - started) / 1e6;
      System.out.printf(
          java.util.Locale.ROOT, "FIRST_ANSWER_MS=%.3f SEQUENCE=%d%n", ms, view.sequence());
    }
    System.exit(0);
  }
}
