package io.onex.engine.core.error;

/**
 * A start input or action payload does not match its JSON Schema or Java type. {@link #field()}
 * names the offending field as a JSON Pointer ({@code /quantity}), or is empty for the whole body.
 */
public final class InvalidPayloadException extends WorkflowException {

  private final String field;

  public InvalidPayloadException(String what, String field, String detail) {
    super("Invalid " + what + (field.isEmpty() ? "" : " at field '" + field + "'") + ": " + detail);
    this.field = field;
  }

  /** The JSON Pointer of the offending field; empty when the problem is the payload as a whole. */
  public String field() {
    return field;
  }

  InvalidPayloadException(WorkflowError error) {
    super(error.message());
    this.field = error.field() == null ? "" : error.field();
  }

  @Override
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), field, null, null);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INVALID_PAYLOAD;
  }
}
