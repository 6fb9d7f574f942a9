package io.onex.engine.samples;

import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.samples.onboarding.OnboardingWorkflow;
import io.onex.engine.samples.order.OrderWorkflow;

/** The sample workflow types, ready to register. */
public final class Samples {

  private Samples() {}

  /** A registry holding every sample workflow type. */
  public static WorkflowRegistry registry() {
    return new WorkflowRegistry()
        .register(OrderWorkflow.definition())
        .register(OnboardingWorkflow.definition());
  }
}
