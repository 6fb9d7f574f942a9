package io.onex.engine.persistence.internal;

import io.onex.engine.core.Action;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.OperatorActions;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.error.ActionExpiredException;
import io.onex.engine.core.error.InvalidStateException;
import io.onex.engine.core.machine.InstanceMachine;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * An instance's decisions ({@link #apply}, {@link #migrate}) and the checks around them: an action
 * past its expiry or with a payload its schema refuses is refused before it is decided, and a
 * decided state that does not match the definition's state schema ({@code
 * onex.instance.validate-state}) is a defect of the reducer, logged as such and refused. Each
 * refuses by throwing, so that nothing is journaled.
 */
@InternalApi
final class DecisionChecks {

  private final WorkflowRuntime runtime;
  private final String workflowType;
  private final Logger log;

  DecisionChecks(WorkflowRuntime runtime, String workflowType, Logger log) {
    this.runtime = runtime;
    this.workflowType = workflowType;
    this.log = log;
  }

  /** Throws {@link ActionExpiredException} if {@code action} has expired. */
  void requireNotExpired(Action action) {
    Instant now = runtime.clock().instant();
    if (action.isExpiredAt(now)) {
      throw new ActionExpiredException(action.actionId(), action.expiresAt(), now);
    }
  }

  /**
   * {@code action} applied to {@code current} by its definition version's machine, checked: not
   * expired, a request's payload valid against its action's schema (outcomes and the engine's
   * operator actions carry no request payload), the decided state valid. Throws what refuses it.
   */
  Applied<Object> apply(WorkflowInstance<Object> current, Action action) {
    requireNotExpired(action);
    InstanceMachine<Object, Object> machine =
        runtime.machine(workflowType, current.definitionVersion());
    if (!current.status().isFinal()
        && !IntentOutcome.isOutcome(action.type())
        && !OperatorActions.isOperator(action.type())) {
      runtime.schemas().validateAction(machine.definition(), action.type(), action.payload());
    }
    return checked(machine.apply(current, action));
  }

  /**
   * Instance {@code instanceId} rebuilt by the target version of migration {@code action}, checked:
   * not expired, the rebuilt state valid. Throws what refuses it.
   */
  Applied<Object> migrate(String instanceId, Action action) {
    requireNotExpired(action);
    return checked(
        runtime
            .machine(workflowType, OperatorCommands.toVersion(action))
            .migrate(instanceId, action));
  }

  /** {@code applied}, once its state matches the state schema; else throws. */
  Applied<Object> checked(Applied<Object> applied) {
    if (runtime.settings().validateState()) {
      try {
        runtime
            .schemas()
            .validateState(
                runtime.registry().require(workflowType, applied.instance().definitionVersion()),
                applied.event().action().type(),
                applied.stateJson());
      } catch (InvalidStateException defect) {
        log.error("Reducer defect, action refused: {}", defect.getMessage());
        throw defect;
      }
    }
    return applied;
  }
}
