package io.onex.engine.cluster.registry;

/** A registry call named a node the registry does not know. */
public final class NodeNotFoundException extends RuntimeException {

  private final String nodeId;

  public NodeNotFoundException(String nodeId) {
    super(
        "Expected node '"
            + nodeId
            + "' to be registered, but it is not (never registered, expired and removed, or"
            + " unregistered)");
    this.nodeId = nodeId;
  }

  /** The id of the node that was not found. */
  public String nodeId() {
    return nodeId;
  }
}
