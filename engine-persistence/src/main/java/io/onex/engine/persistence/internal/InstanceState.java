package io.onex.engine.persistence.internal;

import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.error.WorkflowError;

/** The in-memory state of an instance actor. */
sealed interface InstanceState {

  /** No start event has been journaled for this id. */
  record NotStarted() implements InstanceState {}

  /**
   * The instance is started; {@code instance} is its state after the last event, {@code
   * idempotency} the answers to its recent keyed requests.
   */
  record Active(WorkflowInstance<Object> instance, IdempotencyWindow idempotency)
      implements InstanceState {}

  /**
   * Replay of the history did not reproduce a recorded state; {@code lastGood} is the state before
   * the diverging event. The instance refuses every command with {@code error} until fixed.
   */
  record Diverged(WorkflowInstance<Object> lastGood, WorkflowError error)
      implements InstanceState {}
}
