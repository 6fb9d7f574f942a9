package io.onex.engine.core;

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
  public String code() {
    return "transition-rejected";
  }
}
