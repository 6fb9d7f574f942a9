package io.onex.engine.core.error;

/**
 * A start was refused because something the workflow needs is not there: an effect handler that is
 * not registered, a target whose circuit breaker is open, a child workflow type that is not known.
 * {@link #dependency()} names it; nothing was started.
 */
public final class DependencyUnavailableException extends WorkflowException {

  private final String dependency;

  /**
   * @param workflowType the type whose start was refused
   * @param dependency what is missing, such as {@code handler:http} or {@code breaker:http/payment}
   * @param why what was expected of it and what was found
   */
  public DependencyUnavailableException(String workflowType, String dependency, String why) {
    super(
        "Expected every dependency of workflow type '"
            + workflowType
            + "' to be available before it starts, but "
            + dependency
            + " is not: "
            + why);
    this.dependency = dependency;
  }

  DependencyUnavailableException(WorkflowError error) {
    super(error.message());
    this.dependency = error.field();
  }

  /** The missing dependency, such as {@code handler:http}. */
  public String dependency() {
    return dependency;
  }

  @Override
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), dependency, null, null);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.DEPENDENCY_UNAVAILABLE;
  }
}
