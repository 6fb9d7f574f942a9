package io.onex.engine.core.error;

/** The addressed workflow instance was never started. */
public final class InstanceNotFoundException extends WorkflowException {

  public InstanceNotFoundException(String type, String instanceId) {
    super(
        "Expected workflow instance '"
            + instanceId
            + "' of type '"
            + type
            + "' to exist, but it was never started");
  }

  InstanceNotFoundException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INSTANCE_NOT_FOUND;
  }
}
