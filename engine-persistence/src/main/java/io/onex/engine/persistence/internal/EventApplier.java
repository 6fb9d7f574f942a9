package io.onex.engine.persistence.internal;

import io.onex.engine.core.OperatorActions;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.error.InstanceDivergedException;
import io.onex.engine.core.error.WorkflowError;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import io.onex.engine.persistence.internal.InstanceState.Active;
import io.onex.engine.persistence.internal.InstanceState.Diverged;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Applies a journaled event to an instance's state, the same way live and in recovery: live, it
 * takes the result the command handler already computed for the event; in recovery, it replays the
 * event through the pinned definition and checks the recorded digest, and a mismatch makes the
 * instance {@link Diverged}. A keyed event also records its answer in the idempotency window.
 */
final class EventApplier {

  private final WorkflowRuntime runtime;
  private final String workflowType;
  private final String instanceId;
  private final Logger log;

  EventApplier(WorkflowRuntime runtime, String workflowType, String instanceId, Logger log) {
    this.runtime = runtime;
    this.workflowType = workflowType;
    this.instanceId = instanceId;
    this.log = log;
  }

  /** The state after {@code event}; {@code live} is the command handler's result, if any. */
  InstanceState apply(InstanceState state, WorkflowEvent event, Optional<Applied<Object>> live) {
    // a migration is a checkpoint: it revives a diverged instance as the version it names
    boolean migration = OperatorActions.MIGRATE.equals(event.action().type());
    if (state instanceof Diverged && !migration) {
      return state;
    }
    Active active = state instanceof Active a ? a : null;
    WorkflowInstance<Object> current = active == null ? null : active.instance();
    Applied<Object> applied;
    if (live.isPresent()) {
      applied = live.get();
    } else {
      try {
        WorkflowInstance<Object> replayed =
            runtime
                .machine(workflowType, event.definitionVersion())
                .replay(migration ? null : current, event);
        applied = new Applied<>(event, replayed, null);
      } catch (WorkflowException e) {
        InstanceDivergedException diverged =
            e instanceof InstanceDivergedException d
                ? d
                : new InstanceDivergedException(
                    workflowType, instanceId, event.sequence(), e.getMessage());
        log.error("{}", diverged.getMessage());
        return new Diverged(current, WorkflowError.of(diverged));
      }
    }
    IdempotencyWindow window = active == null ? IdempotencyWindow.EMPTY : active.idempotency();
    String key = event.action().idempotencyKey();
    if (key != null) {
      window =
          window.with(
              key,
              event.timestamp(),
              InstanceAnswers.answer(withStateJson(applied)),
              runtime.settings().idempotencyMaxKeys(),
              runtime.settings().idempotencyMaxAge());
    }
    return new Active(applied.instance(), window);
  }

  private static Applied<Object> withStateJson(Applied<Object> applied) {
    return applied.stateJson() != null
        ? applied
        : new Applied<>(
            applied.event(),
            applied.instance(),
            EngineJson.mapper().valueToTree(applied.instance().state()));
  }
}
