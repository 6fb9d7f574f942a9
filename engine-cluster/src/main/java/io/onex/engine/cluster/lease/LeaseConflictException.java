package io.onex.engine.cluster.lease;

/** The resource is held by another owner under a lease that has not expired. */
public final class LeaseConflictException extends LeaseException {

  public LeaseConflictException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "lease-conflict";
  }
}
