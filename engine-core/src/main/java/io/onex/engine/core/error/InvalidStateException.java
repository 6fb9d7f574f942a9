package io.onex.engine.core.error;

/**
 * A reducer produced a state that does not match its definition's state schema: a defect of the
 * workflow definition, not of the request. The action is refused and nothing is journaled; {@link
 * #field()} names the offending field as a JSON Pointer.
 */
public final class InvalidStateException extends WorkflowException {

  private final String field;

  public InvalidStateException(
      String workflowType, int version, String action, String field, String detail) {
    super(
        "Expected the reducer of workflow type '"
            + workflowType
            + "' v"
            + version
            + " to produce a state matching its schema after '"
            + action
            + "', but "
            + (field.isEmpty() ? "the state" : "field '" + field + "'")
            + " does not: "
            + detail);
    this.field = field;
  }

  InvalidStateException(WorkflowError error) {
    super(error.message());
    this.field = error.field() == null ? "" : error.field();
  }

  /** The JSON Pointer of the offending field; empty when the problem is the state as a whole. */
  public String field() {
    return field;
  }

  @Override
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), field, null, null);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INVALID_STATE;
  }
}
