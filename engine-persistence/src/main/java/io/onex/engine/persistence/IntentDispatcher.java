package io.onex.engine.persistence;

import io.onex.engine.core.Intent;

/**
 * The outbound half of the intent loop: where an instance hands the intents of an event once that
 * event is journaled, and again after recovery for every intent still awaiting its outcome. The
 * node implements it with its intent executor; an instance knows nothing of how intents are run.
 *
 * <p>Called on the instance's actor thread: implementations must be thread-safe and return at once.
 * A dispatch may repeat an earlier one (after recovery); the intent carries the same idempotency
 * key each time.
 */
@FunctionalInterface
public interface IntentDispatcher {

  /** Carry out {@code intent} of instance {@code instanceId} of {@code workflowType}. */
  void dispatch(String workflowType, String instanceId, Intent intent);

  /**
   * Carry out {@code intent} as a part of the trace {@code traceparent} names (the span of the
   * action whose event emitted it; {@code null} when there is none). A dispatcher that does not
   * trace drops it.
   */
  default void dispatch(String workflowType, String instanceId, Intent intent, String traceparent) {
    dispatch(workflowType, instanceId, intent);
  }
}
