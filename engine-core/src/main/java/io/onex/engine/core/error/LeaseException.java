package io.onex.engine.core.error;

/**
 * A lease request the lease manager refused: another owner holds the resource ({@link
 * LeaseConflictException}), the lease lapsed ({@link LeaseExpiredException}) or is not current
 * ({@link LeaseNotFoundException}). A refused request changed nothing.
 */
public abstract sealed class LeaseException extends WorkflowException
    permits LeaseConflictException, LeaseNotFoundException, LeaseExpiredException {

  LeaseException(String message) {
    super(message);
  }
}
