package io.onex.engine.core;

/**
 * Every error the engine reports about a request: each subclass names one problem, carries a stable
 * {@link #code()} (the gateway's problem type), and a message that says what was expected, for
 * which instance, and why it did not happen. A request that fails with one of these changed
 * nothing.
 */
public abstract sealed class WorkflowException extends RuntimeException
    permits InvalidIdentifierException,
        UnknownWorkflowTypeException,
        InstanceNotFoundException,
        InstanceAlreadyExistsException,
        UnknownActionException,
        InvalidPayloadException,
        TransitionRejectedException,
        InstanceClosedException,
        ActionExpiredException,
        InstanceDivergedException,
        IntentNotPendingException,
        EpochConflictException,
        LeaseRejectedException,
        EngineUnavailableException {

  protected WorkflowException(String message) {
    super(message);
  }

  protected WorkflowException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A stable, machine-readable name of the problem, such as {@code instance-not-found}. */
  public abstract String code();
}
