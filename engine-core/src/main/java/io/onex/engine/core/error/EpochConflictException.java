package io.onex.engine.core.error;

/**
 * An action expected the instance at one epoch, but the instance is at another: someone else
 * changed it first (optimistic concurrency). Nothing is journaled; the caller reads the instance
 * again and decides.
 */
public final class EpochConflictException extends WorkflowException {

  public EpochConflictException(String type, String instanceId, long expected, long actual) {
    super(
        "Expected workflow instance '"
            + instanceId
            + "' of type '"
            + type
            + "' at epoch "
            + expected
            + ", but it is at epoch "
            + actual);
  }

  EpochConflictException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.EPOCH_CONFLICT;
  }
}
