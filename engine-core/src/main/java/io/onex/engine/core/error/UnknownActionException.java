package io.onex.engine.core.error;

import java.util.Collection;
import java.util.TreeSet;

/** The action type is not one the instance's workflow definition accepts. */
public final class UnknownActionException extends WorkflowException {

  public UnknownActionException(String type, int version, String action, Collection<String> known) {
    super(
        "Expected one of the actions "
            + new TreeSet<>(known)
            + " of workflow type '"
            + type
            + "' v"
            + version
            + ", but got '"
            + action
            + "'");
  }

  UnknownActionException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.UNKNOWN_ACTION;
  }
}
