package io.onex.engine.cluster.lease;

/**
 * The lease lapsed before it was renewed; it can no longer be renewed, and its holder must acquire
 * the resource again (getting a higher fencing token).
 */
public final class LeaseExpiredException extends LeaseException {

  public LeaseExpiredException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "lease-expired";
  }
}
