package io.onex.engine.core.error;

/**
 * An outcome or timer arrived for an intent that has no pending outcome: it was already recorded (a
 * repeated delivery) or the instance never emitted it. Nothing is journaled.
 */
public final class IntentNotPendingException extends WorkflowException {

  public IntentNotPendingException(String type, String instanceId, String intentId) {
    super(
        "Expected intent '"
            + intentId
            + "' of workflow instance '"
            + instanceId
            + "' of type '"
            + type
            + "' to await its outcome, but it has none pending");
  }

  IntentNotPendingException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INTENT_NOT_PENDING;
  }
}
