package io.onex.engine.core.error;

import io.onex.engine.core.WorkflowDefinition;

/** A workflow type name or instance id is not 1 to 200 characters from {@code [A-Za-z0-9._:-]}. */
public final class InvalidIdentifierException extends WorkflowException {

  private final String field;

  public InvalidIdentifierException(String field, String value) {
    super(
        "Expected "
            + field
            + " to be 1 to 200 characters from [A-Za-z0-9._:-], but got '"
            + abbreviate(value)
            + "'");
    this.field = field;
  }

  /** Which identifier was wrong ({@code workflowType} or {@code instanceId}). */
  public String field() {
    return field;
  }

  /** Checks {@code value} and throws naming {@code field} when it is not a valid identifier. */
  public static String requireValid(String field, String value) {
    if (value == null || !WorkflowDefinition.IDENTIFIER.matcher(value).matches()) {
      throw new InvalidIdentifierException(field, value);
    }
    return value;
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "";
    }
    return value.length() <= 60 ? value : value.substring(0, 60) + "...";
  }

  InvalidIdentifierException(WorkflowError error) {
    super(error.message());
    this.field = error.field();
  }

  @Override
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), field, null, null);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INVALID_IDENTIFIER;
  }
}
