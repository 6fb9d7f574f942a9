package io.onex.engine.core.error;

/**
 * A workflow spec version was registered before with a different body. Versions are immutable,
 * because instances pinned to one must never see it change: register the change as a new version.
 */
public final class SpecConflictException extends WorkflowException {

  public SpecConflictException(String workflowType, int version) {
    super(
        "Expected version "
            + version
            + " of workflow type '"
            + workflowType
            + "' to be new or registered with the same body, but it is registered with another;"
            + " register the change as a new version");
  }

  SpecConflictException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.SPEC_CONFLICT;
  }
}
