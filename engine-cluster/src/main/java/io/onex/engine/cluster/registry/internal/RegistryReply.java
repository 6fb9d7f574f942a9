package io.onex.engine.cluster.registry.internal;

import io.onex.engine.cluster.registry.NodeInfo;
import java.util.List;

/** The registry singleton's answer to a request; bound to Jackson in reference.conf. */
sealed interface RegistryReply {

  /** The node, after the request. */
  record Found(NodeInfo node) implements RegistryReply {}

  /** No node with this id is registered. */
  record NotFound(String nodeId) implements RegistryReply {}

  /** Whether the node was registered before it was removed. */
  record Unregistered(boolean removed) implements RegistryReply {}

  /** The nodes matching a query, sorted by node id. */
  record Listed(List<NodeInfo> nodes) implements RegistryReply {

    public Listed {
      nodes = List.copyOf(nodes);
    }
  }
}
