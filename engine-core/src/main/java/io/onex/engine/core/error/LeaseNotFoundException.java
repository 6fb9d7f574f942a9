package io.onex.engine.core.error;

/**
 * No current lease has this id: it was never granted, was released, or lapsed and was granted to
 * someone else since.
 */
public final class LeaseNotFoundException extends LeaseException {

  public LeaseNotFoundException(String message) {
    super(message);
  }

  LeaseNotFoundException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.LEASE_NOT_FOUND;
  }
}
