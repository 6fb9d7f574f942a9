package io.onex.engine.core.error;

import io.onex.engine.core.InstanceStatus;

/**
 * A {@link WorkflowException} as plain data, so that it can cross a node boundary inside a reply
 * and be raised again, as the same exception type, where the request came from.
 *
 * @param code the exception's {@link WorkflowException#code()}
 * @param message its message
 * @param field the offending field, for identifier and payload errors; otherwise null
 * @param reason the machine-readable reason, for rejected transitions and leases; otherwise null
 * @param status the instance status, for closed instances; otherwise null
 */
public record WorkflowError(
    String code, String message, String field, String reason, InstanceStatus status) {

  /** Describes {@code exception}. */
  public static WorkflowError of(WorkflowException exception) {
    return exception.toError();
  }

  /**
   * The exception this describes, of the same type and with the same message and details; an
   * unknown code (from a newer node) is raised as {@link EngineUnavailableException}.
   */
  public WorkflowException toException() {
    return ErrorCode.of(code)
        .map(errorCode -> errorCode.rebuild(this))
        .orElseGet(() -> new EngineUnavailableException(this));
  }
}
