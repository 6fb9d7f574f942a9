package io.onex.engine.core.error;

/**
 * Every error the engine reports about a request: each subclass names one problem, carries a stable
 * {@link #errorCode()} (the gateway's problem type), and a message that says what was expected, for
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
        InvalidStateException,
        TransitionRejectedException,
        InstanceClosedException,
        ActionExpiredException,
        InstanceDivergedException,
        IntentNotPendingException,
        EpochConflictException,
        MigrationRefusedException,
        InstanceNotEndedException,
        LeaseRejectedException,
        LeaseException,
        NodeNotFoundException,
        SubscriptionNotFoundException,
        InvalidSpecException,
        SpecConflictException,
        DependencyUnavailableException,
        InstanceLimitException,
        EngineUnavailableException {

  protected WorkflowException(String message) {
    super(message);
  }

  protected WorkflowException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Which problem this is. */
  public abstract ErrorCode errorCode();

  /** A stable, machine-readable name of the problem, such as {@code instance-not-found}. */
  public final String code() {
    return errorCode().code();
  }

  /**
   * This error as data that can cross a node boundary; subclasses with details (a field, a reason,
   * a status) add them.
   */
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), null, null, null);
  }
}
