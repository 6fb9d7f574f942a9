package io.onex.engine.core.error;

import java.time.Instant;

/** The action arrived after its {@code expiresAt}. */
public final class ActionExpiredException extends WorkflowException {

  public ActionExpiredException(String actionId, Instant expiresAt, Instant now) {
    super(
        "Expected action '"
            + actionId
            + "' before its expiry at "
            + expiresAt
            + ", but it arrived at "
            + now);
  }

  ActionExpiredException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.ACTION_EXPIRED;
  }
}
