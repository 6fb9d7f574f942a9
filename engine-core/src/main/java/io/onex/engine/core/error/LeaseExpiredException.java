package io.onex.engine.core.error;

/**
 * The lease lapsed before it was renewed; it can no longer be renewed, and its holder must acquire
 * the resource again (getting a higher fencing token).
 */
public final class LeaseExpiredException extends LeaseException {

  public LeaseExpiredException(String message) {
    super(message);
  }

  LeaseExpiredException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.LEASE_EXPIRED;
  }
}
