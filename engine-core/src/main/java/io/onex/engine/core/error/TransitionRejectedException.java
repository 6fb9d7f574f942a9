package io.onex.engine.core.error;

import io.onex.engine.core.Rejection;

/** The workflow's reducer refused the action; its {@link Rejection} says why. */
public final class TransitionRejectedException extends WorkflowException {

  private final Rejection rejection;

  public TransitionRejectedException(Rejection rejection) {
    super(rejection.message());
    this.rejection = rejection;
  }

  /** The reducer's reason. */
  public Rejection rejection() {
    return rejection;
  }

  TransitionRejectedException(WorkflowError error) {
    super(error.message());
    this.rejection = new Rejection(error.reason(), error.message());
  }

  @Override
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), null, rejection.reason(), null);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.TRANSITION_REJECTED;
  }
}
