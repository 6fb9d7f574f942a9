package io.onex.engine.cluster;

import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.error.WorkflowException;

/**
 * A condition every new instance must meet before it is started, such as the declarative
 * orchestrator's dependency validation (handlers registered, breakers closed, child types known).
 * Runs on the node that receives the start, before anything is sent to the instance; a check that
 * throws refuses the start, which then changes nothing.
 */
@FunctionalInterface
public interface StartCheck {

  /**
   * Throws the {@link WorkflowException} that names why instance {@code instanceId} may not start
   * on {@code definition}; returns normally when it may.
   */
  void check(WorkflowDefinition<?, ?> definition, String instanceId);
}
