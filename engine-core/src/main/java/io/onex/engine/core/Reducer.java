package io.onex.engine.core;

import java.util.List;
import java.util.Optional;

/**
 * The heart of a workflow type: a pure function from the current state and an action to a {@link
 * Transition} (the ONEX ProtocolWorkflowReducer's dispatch and transition validation).
 *
 * <p>Implementations must be deterministic: no I/O, no clock, no randomness and no shared mutable
 * state. Time, ids and the instance's identity come from the {@link ReduceContext}. The engine
 * calls the reducer both when an action arrives and when it replays history, and proves by a state
 * digest that both give the same result. Implementations may be called from any thread, one call at
 * a time per instance.
 *
 * @param <S> the workflow's state type
 * @param <A> the workflow's action type (usually a sealed interface of records)
 */
@FunctionalInterface
public interface Reducer<S, A> {

  /** Applies {@code action} to {@code state}. Called only when {@link #validate} found no fault. */
  Transition<S> reduce(S state, A action, ReduceContext context);

  /**
   * Checks whether {@code action} is allowed in {@code state} before it is applied; a rejection
   * names the reason and leaves the instance unchanged. Accepts everything by default.
   */
  default Optional<Rejection> validate(S state, A action, ReduceContext context) {
    return Optional.empty();
  }

  /**
   * What the start does besides computing the initial state: a reducer that begins work at once
   * (the declarative orchestrator's first steps) returns the transition from {@code initialState},
   * with its intents and a status of {@code RUNNING} or final. Empty by default: the instance waits
   * in {@code PENDING} for its first action.
   */
  default Optional<Transition<S>> onStart(S initialState, ReduceContext context) {
    return Optional.empty();
  }

  /**
   * The intents to send when an operator terminates the instance ({@link
   * OperatorActions#TERMINATE}): the clean-up its own ending would do, such as terminating the
   * child workflows it started. They are journaled with the termination and carried out like any
   * intent; the state does not change. None by default.
   */
  default List<Intent> onTerminate(S state, String reason, ReduceContext context) {
    return List.of();
  }

  /**
   * Applies the outcome of {@code intent}, which this instance emitted earlier: the next step after
   * a success, a compensation or failure after a failure. Records the outcome and changes nothing
   * by default.
   */
  default Transition<S> onOutcome(
      S state, Intent intent, IntentOutcome outcome, ReduceContext context) {
    return Transition.to(state);
  }
}
