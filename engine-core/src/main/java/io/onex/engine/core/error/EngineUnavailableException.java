package io.onex.engine.core.error;

/**
 * The engine could not answer in time (journal unreachable, node shutting down, overload). A start
 * or action that fails with this may or may not have been applied: repeat it with the same
 * idempotency key to find out. {@link #reason()} says what was unavailable when the engine knows,
 * for example {@value #JOURNAL_UNREACHABLE}.
 */
public final class EngineUnavailableException extends WorkflowException {

  /** The reason of a request refused because the journal database does not answer. */
  public static final String JOURNAL_UNREACHABLE = "journal-unreachable";

  private final String reason;

  public EngineUnavailableException(String message, Throwable cause) {
    this(message, cause, null);
  }

  public EngineUnavailableException(String message, Throwable cause, String reason) {
    super(message, cause);
    this.reason = reason;
  }

  EngineUnavailableException(WorkflowError error) {
    super(error.message());
    this.reason = error.reason();
  }

  /** What was unavailable, or {@code null} when not known. */
  public String reason() {
    return reason;
  }

  @Override
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), null, reason, null);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.ENGINE_UNAVAILABLE;
  }
}
