package io.onex.engine.persistence.internal;

import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import org.apache.pekko.actor.typed.ActorRef;

/** What the node's intent executor accepts. */
public sealed interface ExecutorCommand {

  /**
   * Carry out {@code intent} of an instance and report its outcome; progress (attempts, next
   * attempt time) goes to {@code instance}. An intent already queued or in flight is ignored.
   */
  record Execute(
      String workflowType, String instanceId, Intent intent, ActorRef<InstanceCommand> instance)
      implements ExecutorCommand {}

  /** An intent's attempts are over. */
  record Finished(Execute execute, IntentOutcome outcome) implements ExecutorCommand {}

  /** An outcome reached its instance (or cannot be delivered and was given up). */
  record Delivered(String intentId) implements ExecutorCommand {}
}
