package io.onex.engine.effects.internal;

import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.InternalApi;

/** What the node's intent executor accepts. */
@InternalApi
public sealed interface ExecutorCommand {

  /**
   * Carry out {@code intent} of an instance and report its progress and outcome. An intent already
   * queued or in flight is ignored.
   */
  record Execute(String workflowType, String instanceId, Intent intent)
      implements ExecutorCommand {}

  /** An intent's attempts are over. */
  record Finished(Execute execute, IntentOutcome outcome) implements ExecutorCommand {}

  /** An outcome reached its instance (or cannot be delivered and was given up). */
  record Delivered(String intentId) implements ExecutorCommand {}
}
