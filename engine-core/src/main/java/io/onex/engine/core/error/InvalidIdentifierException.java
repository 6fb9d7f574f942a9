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
    if (!isIdentifier(value)) {
      throw new InvalidIdentifierException(field, value);
    }
    return value;
  }

  /**
   * Whether {@code value} matches {@link WorkflowDefinition#IDENTIFIER}, checked character by
   * character: it runs on every request.
   */
  static boolean isIdentifier(String value) {
    if (value == null || value.isEmpty() || value.length() > 200) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
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
