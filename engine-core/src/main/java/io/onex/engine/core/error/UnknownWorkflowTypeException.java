package io.onex.engine.core.error;

/** No definition of the requested workflow type (or of the requested version) is registered. */
public final class UnknownWorkflowTypeException extends WorkflowException {

  public UnknownWorkflowTypeException(String type) {
    super("Expected a registered workflow type '" + type + "', but no such type is registered");
  }

  public UnknownWorkflowTypeException(String type, int version) {
    super(
        "Expected version "
            + version
            + " of workflow type '"
            + type
            + "' to be registered, but it is not");
  }

  UnknownWorkflowTypeException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.UNKNOWN_WORKFLOW_TYPE;
  }
}
