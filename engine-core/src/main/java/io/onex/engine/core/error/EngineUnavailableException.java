package io.onex.engine.core.error;

/** The engine could not answer in time (journal unreachable, node shutting down, overload). */
public final class EngineUnavailableException extends WorkflowException {

  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  EngineUnavailableException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.ENGINE_UNAVAILABLE;
  }
}
