package io.onex.engine.cluster.lease;

/**
 * No current lease has this id: it was never granted, was released, or lapsed and was granted to
 * someone else since.
 */
public final class LeaseNotFoundException extends LeaseException {

  public LeaseNotFoundException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "lease-not-found";
  }
}
