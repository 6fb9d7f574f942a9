package io.onex.engine.persistence.internal;

import io.onex.engine.core.Action;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.error.ActionExpiredException;
import io.onex.engine.core.error.InvalidStateException;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The checks an instance makes around its reducer's decisions: an action past its expiry is refused
 * before it is decided, and a decided state that does not match the definition's state schema
 * ({@code onex.instance.validate-state}) is a defect of the reducer, logged as such and refused.
 * Both refuse by throwing, so that nothing is journaled.
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
