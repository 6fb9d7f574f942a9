package io.onex.engine.effects.internal;

import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.InternalApi;

/** What the node's intent executor accepts. */
@InternalApi
public sealed interface ExecutorCommand {

  /**
   * Carry out {@code intent} of an instance and report its progress and outcome; its spans continue
   * the trace {@code traceparent} names (the span of the action that emitted it), when not {@code
   * null}. An intent already queued or in flight is ignored.
   */
  record Execute(String workflowType, String instanceId, Intent intent, String traceparent)
      implements ExecutorCommand {

    /** An intent outside any trace. */
    public Execute(String workflowType, String instanceId, Intent intent) {
      this(workflowType, instanceId, intent, null);
    }
  }

  /** An intent's attempts are over. */
  record Finished(Execute execute, IntentOutcome outcome) implements ExecutorCommand {}

  /** An outcome reached its instance ({@code taken}), or cannot be delivered and was given up. */
  record Delivered(Execute execute, boolean taken) implements ExecutorCommand {}
}
