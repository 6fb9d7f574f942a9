package io.onex.engine.core.error;

import io.onex.engine.core.InstanceStatus;

/** The instance has ended (completed, failed or cancelled) and accepts no further action. */
public final class InstanceClosedException extends WorkflowException {

  private final InstanceStatus status;

  public InstanceClosedException(String type, String id, InstanceStatus status, String action) {
    super(
        "Expected to apply '"
            + action
            + "' to workflow instance '"
            + id
            + "' of type '"
            + type
            + "', but it is "
            + status
            + " and accepts no further action");
    this.status = status;
  }

  public InstanceStatus status() {
    return status;
  }

  InstanceClosedException(WorkflowError error) {
    super(error.message());
    this.status = error.status();
  }

  @Override
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), null, null, status);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INSTANCE_CLOSED;
  }
}
