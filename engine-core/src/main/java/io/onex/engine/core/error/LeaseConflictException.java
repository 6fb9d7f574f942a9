package io.onex.engine.core.error;

/** The resource is held by another owner under a lease that has not expired. */
public final class LeaseConflictException extends LeaseException {

  public LeaseConflictException(String message) {
    super(message);
  }

  LeaseConflictException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.LEASE_CONFLICT;
  }
}
