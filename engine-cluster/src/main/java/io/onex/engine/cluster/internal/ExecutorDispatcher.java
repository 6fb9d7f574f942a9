package io.onex.engine.cluster.internal;

import io.onex.engine.core.Intent;
import io.onex.engine.effects.IntentExecutor;
import io.onex.engine.persistence.IntentDispatcher;

/**
 * The instances' dispatcher port served by the node's executor: intents go to it with the trace
 * context of the action that emitted them.
 */
record ExecutorDispatcher(IntentExecutor executor) implements IntentDispatcher {

  @Override
  public void dispatch(String workflowType, String instanceId, Intent intent) {
    executor.execute(workflowType, instanceId, intent, null);
  }

  @Override
  public void dispatch(String workflowType, String instanceId, Intent intent, String traceparent) {
    executor.execute(workflowType, instanceId, intent, traceparent);
  }
}
