package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import io.onex.engine.persistence.AwaitingInstances;
import io.onex.engine.persistence.AwaitingLog;
import io.onex.engine.persistence.EventTags;
import io.onex.engine.persistence.internal.InstanceState.Active;
import java.util.HashSet;
import java.util.Set;

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
  private final Set<String> readSideTags;
  private final Set<String> awaitingTags;
  private String startsAwaiting;

  AwaitingMarks(String workflowType, String instanceId, AwaitingLog log, int slices) {
    this.workflowType = workflowType;
    this.instanceId = instanceId;
    this.log = log;
    this.readSideTags = EventTags.of(workflowType, instanceId, slices);
    Set<String> withAwaiting = new HashSet<>(readSideTags);
    withAwaiting.add(AwaitingInstances.TAG);
    this.awaitingTags = Set.copyOf(withAwaiting);
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

  /**
   * The tags of {@code event}: the read side's ({@link EventTags}) on every event, and {@link
   * AwaitingInstances#TAG} on the one that starts the instance awaiting.
   */
  Set<String> tagsFor(WorkflowEvent event) {
    return event.eventId().equals(startsAwaiting) ? awaitingTags : readSideTags;
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
