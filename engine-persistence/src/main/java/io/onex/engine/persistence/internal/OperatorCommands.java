package io.onex.engine.persistence.internal;

import io.onex.engine.core.Action;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.OperatorActions;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.error.InstanceNotEndedException;
import io.onex.engine.core.error.IntentNotPendingException;
import io.onex.engine.core.error.MigrationRefusedException;
import io.onex.engine.persistence.InstanceCommand.SkipIntent;
import io.onex.engine.persistence.internal.InstanceState.Active;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What an instance checks of an operator's command before the reducer or the journal see it: that a
 * migration was checked against its whole history, which outcome a skip reports, and that it has
 * ended so that it can retire. Stateless.
 */
final class OperatorCommands {

  private OperatorCommands() {}

  /**
   * Throws {@link MigrationRefusedException} unless migration {@code action} was checked against
   * the whole history of an instance with {@code lastSequence} events.
   */
  static void requireWholeHistory(
      String workflowType, String instanceId, Action action, long lastSequence) {
    long checked = action.payload().path("sequence").asLong();
    if (checked != lastSequence) {
      throw new MigrationRefusedException(
          workflowType,
          instanceId,
          toVersion(action),
          "the instance has "
              + lastSequence
              + " events while the check replayed "
              + checked
              + "; check again");
    }
  }

  /** The definition version a migration action moves to. */
  static int toVersion(Action action) {
    return action.payload().path("toVersion").asInt();
  }

  /**
   * The outcome action that {@code command} reports, at {@code now}, for its intent pending in
   * {@code current}; throws {@link IntentNotPendingException} if it is not pending.
   */
  static Action skipped(WorkflowInstance<Object> current, SkipIntent command, Instant now) {
    Intent intent =
        current
            .pendingIntent(command.intentId())
            .orElseThrow(
                () ->
                    new IntentNotPendingException(
                        current.workflowType(), current.instanceId(), command.intentId()));
    IntentOutcome outcome =
        command.succeeded()
            ? new IntentOutcome.Succeeded(command.intentId(), command.result())
            : new IntentOutcome.Failed(command.intentId(), command.error(), 0);
    Action reported = outcome.reportOf(intent, now);
    Map<String, String> metadata = new HashMap<>(reported.metadata());
    metadata.put(OperatorActions.SKIPPED_METADATA, command.reason());
    if (command.principal() != null) {
      metadata.put(Action.PRINCIPAL_METADATA, command.principal());
    }
    return reported.toBuilder().metadata(metadata).build();
  }

  /** Throws {@link InstanceNotEndedException} unless the instance in {@code state} has ended. */
  static void requireEnded(String workflowType, String instanceId, InstanceState state) {
    InstanceStatus status =
        state instanceof Active active ? active.instance().status() : InstanceStatus.DIVERGED;
    if (!status.isFinal()) {
      throw new InstanceNotEndedException(workflowType, instanceId, status);
    }
  }
}
