package io.onex.engine.core.error;

import io.onex.engine.core.LeaseFence;
import io.onex.engine.core.WorkflowDefinition;

/**
 * An action to a single-writer instance (see {@link WorkflowDefinition#leaseRequired()}) did not
 * prove that its issuer holds the instance's lease: it carried no lease ({@code lease-required}),
 * or a lease that is not the current one, or a fencing token lower than one the instance has
 * already seen ({@code stale-lease}). Nothing is journaled; the issuer must acquire the lease
 * again.
 */
public final class LeaseRejectedException extends WorkflowException {

  private final ErrorCode code;
  private final String reason;

  private LeaseRejectedException(ErrorCode code, String reason, String message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  LeaseRejectedException(WorkflowError error) {
    this(ErrorCode.of(error.code()).orElseThrow(), error.reason(), error.message());
  }

  /** The action carried no lease id or no fencing token. */
  public static LeaseRejectedException missing(String type, String instanceId, String actionType) {
    return new LeaseRejectedException(
        ErrorCode.LEASE_REQUIRED,
        "missing",
        "Expected action '"
            + actionType
            + "' to workflow instance '"
            + instanceId
            + "' of type '"
            + type
            + "' to carry the lease id and fencing token of a lease on '"
            + LeaseFence.resourceOf(type, instanceId)
            + "', but it carries none");
  }

  /**
   * The action's lease is not admissible; {@code reason} says why ({@code superseded}, {@code
   * expired}, {@code released}, {@code unknown}) and {@code detail} completes the message.
   */
  public static LeaseRejectedException stale(
      String type, String instanceId, String reason, String detail) {
    return new LeaseRejectedException(
        ErrorCode.STALE_LEASE,
        reason,
        "Expected the current lease on workflow instance '"
            + instanceId
            + "' of type '"
            + type
            + "', but "
            + detail);
  }

  /** Why the lease was refused: missing, superseded, expired, released or unknown. */
  public String reason() {
    return reason;
  }

  @Override
  public ErrorCode errorCode() {
    return code;
  }

  @Override
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), null, reason, null);
  }
}
