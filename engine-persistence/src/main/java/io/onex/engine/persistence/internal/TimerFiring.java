package io.onex.engine.persistence.internal;

import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.core.machine.InstanceMachine;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import io.onex.engine.core.machine.TimerActions;
import io.onex.engine.persistence.internal.InstanceState.Active;
import java.util.Optional;

/**
 * Decides what a durable timer that went off does to its instance: nothing when it is no longer
 * pending, arm it again when it is not yet due (a timer armed before a restart), or apply its
 * action, which, when the reducer refuses it, still ends the timer as a failed intent with the
 * reason on record. Not thread-safe: owned by the instance's actor.
 */
final class TimerFiring {

  private final WorkflowRuntime runtime;
  private final String workflowType;
  private final DurableTimers timers;
  private final DecisionChecks checks;

  TimerFiring(
      WorkflowRuntime runtime, String workflowType, DurableTimers timers, DecisionChecks checks) {
    this.runtime = runtime;
    this.workflowType = workflowType;
    this.timers = timers;
    this.checks = checks;
  }

  /** What timer {@code intentId} of an instance in {@code state} journals, if anything. */
  Optional<Applied<Object>> fire(InstanceState state, String intentId) {
    if (!(state instanceof Active active)) {
      return Optional.empty();
    }
    WorkflowInstance<Object> current = active.instance();
    Intent timer = current.pendingIntent(intentId).orElse(null);
    if (timer == null) {
      return Optional.empty();
    }
    if (!timers.isDue(timer)) {
      timers.arm(timer);
      return Optional.empty();
    }
    InstanceMachine<Object, Object> machine =
        runtime.machine(workflowType, current.definitionVersion());
    try {
      return Optional.of(
          checks.checked(
              machine.apply(current, TimerActions.firedBy(timer, DurableTimers.requestOf(timer)))));
    } catch (WorkflowException refused) {
      IntentOutcome failed = new IntentOutcome.Failed(timer.intentId(), refused.getMessage(), 1);
      return Optional.of(machine.apply(current, failed.reportOf(timer, runtime.clock().instant())));
    }
  }
}
