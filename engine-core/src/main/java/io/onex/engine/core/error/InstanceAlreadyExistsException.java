package io.onex.engine.core.error;

/** A start names an instance id that is already taken. */
public final class InstanceAlreadyExistsException extends WorkflowException {

  public InstanceAlreadyExistsException(String type, String instanceId) {
    super(
        "Expected to start workflow instance '"
            + instanceId
            + "' of type '"
            + type
            + "', but an instance with that id already exists");
  }

  InstanceAlreadyExistsException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INSTANCE_ALREADY_EXISTS;
  }
}
