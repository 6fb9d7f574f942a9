package io.onex.engine.persistence.internal;

import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import java.util.Optional;

/**
 * The result the command handler computed for the event it is persisting, so that applying that
 * event does not run the reducer a second time: the event handler takes it when the event ids
 * match, and replays the event otherwise (recovery). Used only on the instance's own thread.
 */
final class DecidedEvent {

  private Applied<Object> decided;

  /** Remembers {@code applied} until its event is applied. */
  void remember(Applied<Object> applied) {
    decided = applied;
  }

  /** The remembered result if it belongs to {@code event}; forgets it either way. */
  Optional<Applied<Object>> take(WorkflowEvent event) {
    Applied<Object> candidate = decided;
    decided = null;
    return candidate != null && candidate.event().eventId().equals(event.eventId())
        ? Optional.of(candidate)
        : Optional.empty();
  }
}
