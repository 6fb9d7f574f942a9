package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import io.onex.engine.persistence.AwaitingInstances;
import io.onex.engine.persistence.AwaitingLog;
import io.onex.engine.persistence.internal.InstanceState.Active;

/**
 * What one instance tells the awaiting-instances index ({@link AwaitingInstances}): the event with
 * which it starts to await an intent's outcome or a timer, having awaited nothing, is tagged; after
 * a recovery with something pending it is recorded; when it stops with nothing pending its row is
 * settled. Not thread-safe: owned by the instance's actor.
 */
@InternalApi
final class AwaitingMarks {

  private final String workflowType;
  private final String instanceId;
  private final AwaitingLog log;
  private String startsAwaiting;

  AwaitingMarks(String workflowType, String instanceId, AwaitingLog log) {
    this.workflowType = workflowType;
    this.instanceId = instanceId;
    this.log = log;
  }

  /** Whether an instance in {@code state} awaits an intent's outcome or a timer. */
  static boolean awaits(InstanceState state) {
    return state instanceof Active active && !active.instance().pendingIntents().isEmpty();
  }

  /** Notes whether {@code applied}, decided in {@code before}, starts the instance awaiting. */
  void decided(InstanceState before, Applied<Object> applied) {
    startsAwaiting =
        !awaits(before) && !applied.instance().pendingIntents().isEmpty()
            ? applied.event().eventId()
            : null;
  }

  /** Whether {@code event} is the one that starts the instance awaiting. */
  boolean startsAwaiting(WorkflowEvent event) {
    return event.eventId().equals(startsAwaiting);
  }

  /** After a recovery: records the instance if it awaits something. */
  void recovered(InstanceState state) {
    if (state instanceof Active active && awaits(state)) {
      log.awaiting(workflowType, instanceId, active.instance().sequence());
    }
  }

  /** Before the instance stops with nothing pending: its row, if any, is settled. */
  void stopping(InstanceState state) {
    if (state instanceof Active active) {
      log.settled(workflowType, instanceId, active.instance().sequence());
    }
  }
}
