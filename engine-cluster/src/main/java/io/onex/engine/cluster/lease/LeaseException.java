package io.onex.engine.cluster.lease;

/**
 * A lease request the lease manager refused; {@link #code()} names the problem. A refused request
 * changed nothing.
 */
public abstract sealed class LeaseException extends RuntimeException
    permits LeaseConflictException, LeaseNotFoundException, LeaseExpiredException {

  LeaseException(String message) {
    super(message);
  }

  /** A stable, machine-readable name of the problem, such as {@code lease-conflict}. */
  public abstract String code();

  /** The exception a refusal with {@code code} and {@code message} stands for. */
  public static LeaseException of(String code, String message) {
    return switch (code) {
      case "lease-conflict" -> new LeaseConflictException(message);
      case "lease-expired" -> new LeaseExpiredException(message);
      default -> new LeaseNotFoundException(message);
    };
  }
}
