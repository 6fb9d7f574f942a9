package io.onex.engine.cluster.registry;

/** The role a node plays in an ONEX deployment. */
public enum NodeType {
  /** Runs effect handlers: calls to the outside world. */
  EFFECT,
  /** Runs compute functions. */
  COMPUTE,
  /** Hosts workflow instances and applies their reducers. */
  REDUCER,
  /** Coordinates workflows across other nodes. */
  ORCHESTRATOR,
  /** Takes requests from outside the cluster and routes them in. */
  GATEWAY
}
