package io.onex.engine.core.error;

/** A node registry call named a node the registry does not know. */
public final class NodeNotFoundException extends WorkflowException {

  private final String nodeId;

  public NodeNotFoundException(String nodeId) {
    super(
        "Expected node '"
            + nodeId
            + "' to be registered, but it is not (never registered, expired and removed, or"
            + " unregistered)");
    this.nodeId = nodeId;
  }

  NodeNotFoundException(WorkflowError error) {
    super(error.message());
    this.nodeId = error.field();
  }

  /** The id of the node that was not found. */
  public String nodeId() {
    return nodeId;
  }

  @Override
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), nodeId, null, null);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.NODE_NOT_FOUND;
  }
}
