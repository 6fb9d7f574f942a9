package io.onex.engine.cluster.registry;

/**
 * How well a node is doing, best first: the declaration order is the order in which {@link
 * NodeRegistry#gatewayFor} prefers nodes.
 */
public enum HealthStatus {
  /** Fully working. */
  HEALTHY,
  /** Working, with reduced capacity or a failing dependency that has a fallback. */
  DEGRADED,
  /** Not working properly; requests are likely to fail. */
  UNHEALTHY,
  /** Not working at all. */
  CRITICAL,
  /** Not known: never reported, or the node missed its heartbeats. */
  UNKNOWN
}
