package io.onex.engine.samples;

import com.typesafe.config.Config;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.WorkflowEngineBuilder;
import io.onex.engine.node.EngineNode;
import io.onex.engine.samples.services.SampleServices;
import java.util.function.UnaryOperator;

/**
 * One engine node hosting the sample workflows, with the sample's inventory, payment and shipping
 * services beside it, in this JVM: what {@code samples/target/onex-node.jar} runs, for tests and
 * tools that need the services at hand.
 */
public final class SampleNode implements AutoCloseable {

  private final SampleServices services;
  private final EngineNode node;

  private SampleNode(SampleServices services, EngineNode node) {
    this.services = services;
    this.node = node;
  }

  /** Starts the sample services, then a node whose HTTP targets point at them. */
  public static SampleNode start(Config config) {
    return start(config, builder -> builder);
  }

  /**
   * Starts the sample services, then a node whose HTTP targets point at them, its engine as {@code
   * customise} leaves the builder (given another OpenTelemetry, say).
   */
  public static SampleNode start(Config config, UnaryOperator<WorkflowEngineBuilder> customise) {
    SampleServices services = SampleServices.start(config);
    try {
      Config withServices = services.targets().withFallback(config);
      WorkflowEngineBuilder builder =
          customise.apply(WorkflowEngine.builder(withServices).workflows(Samples.registry()));
      new SamplesProvider().configure(builder);
      return new SampleNode(services, EngineNode.start(withServices, builder));
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  public EngineNode node() {
    return node;
  }

  public SampleServices services() {
    return services;
  }

  @Override
  public void close() {
    node.close();
    services.close();
  }
}
