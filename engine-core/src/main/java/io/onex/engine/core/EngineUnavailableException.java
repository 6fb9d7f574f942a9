package io.onex.engine.core;

/** The engine could not answer in time (journal unreachable, node shutting down, overload). */
public final class EngineUnavailableException extends WorkflowException {

  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  EngineUnavailableException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public String code() {
    return "engine-unavailable";
  }
}
