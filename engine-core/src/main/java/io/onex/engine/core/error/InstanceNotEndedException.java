package io.onex.engine.core.error;

import io.onex.engine.core.InstanceStatus;

/**
 * An instance that has not ended (completed, failed or cancelled) was to be erased; terminate it
 * first. Nothing was changed.
 */
public final class InstanceNotEndedException extends WorkflowException {

  public InstanceNotEndedException(String type, String instanceId, InstanceStatus status) {
    super(
        "Expected workflow instance '"
            + instanceId
            + "' of type '"
            + type
            + "' to have ended before it is erased, but it is "
            + status
            + "; terminate it first");
  }

  InstanceNotEndedException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INSTANCE_NOT_ENDED;
  }
}
