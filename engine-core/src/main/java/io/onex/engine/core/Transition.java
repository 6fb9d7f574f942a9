package io.onex.engine.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a reducer decided for one action: either the instance moves to a new state, emits intents
 * and possibly ends ({@link Accepted}), or the action is refused with a named reason ({@link
 * Rejected}) and nothing changes.
 *
 * <p>Transitions are plain immutable data; reducers build them with {@link #to(Object)} and {@link
 * #reject(String, String)}.
 *
 * @param <S> the workflow's state type
 */
public sealed interface Transition<S> permits Transition.Accepted, Transition.Rejected {

  /** Accepts the action: the instance keeps running with {@code newState} and no intents. */
  static <S> Accepted<S> to(S newState) {
    return new Accepted<>(newState, List.of(), InstanceStatus.RUNNING, null, List.of());
  }

  /** Refuses the action for {@code reason} (a stable code) explained by {@code message}. */
  static <S> Rejected<S> reject(String reason, String message) {
    return new Rejected<>(new Rejection(reason, message));
  }

  /**
   * The action is applied: the instance's state becomes {@code state}, {@code intents} are handed
   * to the effect executor, and the instance's status becomes {@code status} ({@code RUNNING} or a
   * final status, with {@code statusReason} saying why it ended when it did not complete); {@code
   * steps} names the workflow steps that moved, for the history.
   */
  record Accepted<S>(
      S state,
      List<Intent> intents,
      InstanceStatus status,
      String statusReason,
      List<StepRecord> steps)
      implements Transition<S> {

    public Accepted {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(status, "status");
      if (status == InstanceStatus.PENDING || status == InstanceStatus.DIVERGED) {
        throw new IllegalArgumentException("A transition cannot move an instance to " + status);
      }
      intents = List.copyOf(intents);
      steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The same transition with {@code more} intents appended. */
    public Accepted<S> emit(Intent... more) {
      List<Intent> all = new ArrayList<>(intents);
      all.addAll(Arrays.asList(more));
      return new Accepted<>(state, all, status, statusReason, steps);
    }

    /** The same transition with {@code more} intents appended. */
    public Accepted<S> emit(List<Intent> more) {
      return emit(more.toArray(Intent[]::new));
    }

    /** The same transition, also recording that the named steps moved. */
    public Accepted<S> recording(List<StepRecord> more) {
      List<StepRecord> all = new ArrayList<>(steps);
      all.addAll(more);
      return new Accepted<>(state, intents, status, statusReason, all);
    }

    /** The same transition, ending the instance as {@link InstanceStatus#COMPLETED}. */
    public Accepted<S> complete() {
      return new Accepted<>(state, intents, InstanceStatus.COMPLETED, null, steps);
    }

    /**
     * The same transition, ending the instance as {@link InstanceStatus#FAILED} for {@code reason}.
     */
    public Accepted<S> fail(String reason) {
      return new Accepted<>(state, intents, InstanceStatus.FAILED, reason, steps);
    }

    /** The same transition, ending the instance as {@link InstanceStatus#CANCELLED}. */
    public Accepted<S> cancel(String reason) {
      return new Accepted<>(state, intents, InstanceStatus.CANCELLED, reason, steps);
    }
  }

  /** The action is refused; the instance does not change and nothing is journaled. */
  record Rejected<S>(Rejection rejection) implements Transition<S> {

    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }
  }
}
