package io.onex.engine.cluster.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A registered node as the registry sees it: its registration, when it registered and last sent a
 * heartbeat, and its health as the registry judges it. Immutable.
 *
 * <p>{@code health} is what the node last reported, except that a node whose cluster member is
 * unreachable is {@link HealthStatus#UNHEALTHY} and one that missed its heartbeats ({@code
 * expired}) is {@link HealthStatus#UNKNOWN}, with {@code healthDetail} saying why.
 *
 * @param ttlMs how long after its last heartbeat the node expires, in milliseconds
 * @param expired whether the node missed its heartbeats for longer than its TTL; an expired node is
 *     removed later unless it sends a heartbeat first
 * @param healthDetail what the last health report said, or why the registry overrode it
 */
public record NodeInfo(
    String nodeId,
    NodeType type,
    String environment,
    String group,
    String version,
    String address,
    String endpoint,
    List<String> capabilities,
    Map<String, Integer> capacity,
    HealthStatus health,
    Map<String, String> metadata,
    Instant registeredAt,
    Instant lastHeartbeat,
    long ttlMs,
    boolean expired,
    Map<String, String> healthDetail) {

  public NodeInfo {
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    healthDetail = healthDetail == null ? Map.of() : Map.copyOf(healthDetail);
  }
}
