package io.onex.engine.samples;

import io.onex.engine.core.WorkflowRegistry;

/** The sample workflow types, ready to register. */
public final class Samples {

  private Samples() {}

  /** A registry holding every sample workflow type. */
  public static WorkflowRegistry registry() {
    WorkflowRegistry registry = new WorkflowRegistry();
    new SamplesProvider().registerWorkflows(registry);
    return registry;
  }
}
