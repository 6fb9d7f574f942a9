package io.onex.engine.core;

import java.util.Objects;

/**
 * A named step of a workflow that moved in one event, as the history and the event bus show it
 * (seed 001's {@code WorkflowStepCompletedEvent}): which step, what became of it, and a short
 * detail (an error, the attempt count). Reducers add them with {@link
 * Transition.Accepted#recording}; they are journaled with the event and never change the state.
 *
 * @param step the step's name
 * @param status what became of it, such as {@code STARTED}, {@code COMPLETED}, {@code SKIPPED},
 *     {@code FAILED}, {@code COMPENSATED}
 * @param detail why, or how, in a few words; {@code null} when there is nothing to add
 */
public record StepRecord(String step, String status, String detail) {

  public StepRecord {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(status, "status");
  }
}
