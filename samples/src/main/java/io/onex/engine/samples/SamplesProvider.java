package io.onex.engine.samples;

import com.typesafe.config.Config;
import io.onex.engine.cluster.WorkflowEngineBuilder;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.node.WorkflowProvider;
import io.onex.engine.samples.fulfilment.OrderTotal;
import io.onex.engine.samples.onboarding.OnboardingWorkflow;
import io.onex.engine.samples.order.OrderWorkflow;
import io.onex.engine.samples.services.SampleServices;

/**
 * The samples as a {@link WorkflowProvider}: the {@code order} and {@code onboarding} workflow
 * types, the compute function of the {@code fulfilment} spec (bundled as {@code
 * onex/specs/fulfilment.json} and registered at start), and the order's inventory, payment and
 * shipping services started beside the node ({@code onex.samples.services}), whose URLs become the
 * node's HTTP handler targets. Listed in {@code META-INF/services}, so {@code
 * samples/target/onex-node.jar} is the node application with the samples.
 */
public final class SamplesProvider implements WorkflowProvider {

  @Override
  public void registerWorkflows(WorkflowRegistry registry) {
    registry.register(OrderWorkflow.definition()).register(OnboardingWorkflow.definition());
  }

  /** The compute function of the {@code fulfilment} spec. */
  @Override
  public void configure(WorkflowEngineBuilder engine) {
    engine.computeFunction(OrderTotal.NAME, new OrderTotal());
  }

  @Override
  public Companion startCompanion(Config config) {
    SampleServices services = SampleServices.start(config);
    return new Companion() {
      @Override
      public Config config() {
        return services.targets();
      }

      @Override
      public void close() {
        services.close();
      }
    };
  }
}
