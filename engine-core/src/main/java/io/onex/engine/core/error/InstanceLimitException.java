package io.onex.engine.core.error;

/**
 * A start was refused because the workflow type has as many unfinished instances as its cap allows
 * ({@code onex.instance.cap}); nothing was started. Starting succeeds again once instances end.
 */
public final class InstanceLimitException extends WorkflowException {

  public InstanceLimitException(String workflowType, long cap) {
    super(
        "Expected workflow type '"
            + workflowType
            + "' to have fewer than "
            + cap
            + " unfinished instances (onex.instance.cap), but it has that many; start again once"
            + " some have ended");
  }

  InstanceLimitException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INSTANCE_LIMIT;
  }
}
