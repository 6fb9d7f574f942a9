package io.onex.engine.core;

/**
 * A {@link WorkflowException} as plain data, so that it can cross a node boundary inside a reply
 * and be raised again, as the same exception type, where the request came from.
 *
 * @param code the exception's {@link WorkflowException#code()}
 * @param message its message
 * @param field the offending field, for identifier and payload errors; otherwise null
 * @param reason the reducer's reason, for rejected transitions and leases; otherwise null
 * @param status the instance status, for closed instances; otherwise null
 */
public record WorkflowError(
    String code, String message, String field, String reason, InstanceStatus status) {

  /** Describes {@code exception}. */
  public static WorkflowError of(WorkflowException exception) {
    String field = null;
    String reason = null;
    InstanceStatus status = null;
    if (exception instanceof InvalidPayloadException e) {
      field = e.field();
    } else if (exception instanceof InvalidIdentifierException e) {
      field = e.field();
    } else if (exception instanceof TransitionRejectedException e) {
      reason = e.rejection().reason();
    } else if (exception instanceof InstanceClosedException e) {
      status = e.status();
    } else if (exception instanceof LeaseRejectedException e) {
      reason = e.reason();
    }
    return new WorkflowError(exception.code(), exception.getMessage(), field, reason, status);
  }

  /** The exception this describes, of the same type and with the same message and details. */
  public WorkflowException toException() {
    return switch (code) {
      case "invalid-identifier" -> new InvalidIdentifierException(this);
      case "unknown-workflow-type" -> new UnknownWorkflowTypeException(this);
      case "instance-not-found" -> new InstanceNotFoundException(this);
      case "instance-already-exists" -> new InstanceAlreadyExistsException(this);
      case "unknown-action" -> new UnknownActionException(this);
      case "invalid-payload" -> new InvalidPayloadException(this);
      case "transition-rejected" -> new TransitionRejectedException(this);
      case "instance-closed" -> new InstanceClosedException(this);
      case "action-expired" -> new ActionExpiredException(this);
      case "instance-diverged" -> new InstanceDivergedException(this);
      case "intent-not-pending" -> new IntentNotPendingException(this);
      case "epoch-conflict" -> new EpochConflictException(this);
      case "lease-required", "stale-lease" -> new LeaseRejectedException(this);
      default -> new EngineUnavailableException(this);
    };
  }
}
