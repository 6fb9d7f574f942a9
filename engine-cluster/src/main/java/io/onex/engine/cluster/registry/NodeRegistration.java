package io.onex.engine.cluster.registry;

import java.util.List;
import java.util.Map;

/**
 * What a node says about itself when it registers. Immutable; the constructor checks it.
 *
 * @param nodeId unique id of the node in the registry; not blank
 * @param type the node's role; not null
 * @param environment the deployment environment (for example {@code prod}); not blank
 * @param group the group of nodes it belongs to (for example a region or a tenant); not blank
 * @param version the node's software version, or null when not known
 * @param address the Pekko cluster address of the node's actor system (for example {@code
 *     pekko://onex@127.0.0.1:25520}); nodes at an address are removed when that member leaves the
 *     cluster. Null for a node outside the cluster, which only its TTL removes.
 * @param endpoint the node's HTTP base URL, or null when it has none
 * @param capabilities what the node can do (for example handler types); null means none
 * @param capacity how much of each resource the node offers (for example {@code slots -> 8}); null
 *     means none
 * @param health the node's health as it registers; null means {@link HealthStatus#UNKNOWN}
 * @param metadata free-form labels; null means none
 */
public record NodeRegistration(
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
    Map<String, String> metadata) {

  public NodeRegistration {
    requireText(nodeId, "nodeId", nodeId);
    if (type == null) {
      throw new IllegalArgumentException(
          "Expected node '"
              + nodeId
              + "' to be registered with a type (one of "
              + List.of(NodeType.values())
              + "), but it has none");
    }
    requireText(nodeId, "environment", environment);
    requireText(nodeId, "group", group);
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
    health = health == null ? HealthStatus.UNKNOWN : health;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** This registration reporting {@code health} instead. */
  public NodeRegistration withHealth(HealthStatus health) {
    return with(type, endpoint, health);
  }

  /** This registration as a {@link NodeType#GATEWAY} whose HTTP API is at {@code endpoint}. */
  public NodeRegistration asGateway(String endpoint) {
    return with(NodeType.GATEWAY, endpoint, health);
  }

  private NodeRegistration with(NodeType type, String endpoint, HealthStatus health) {
    return new NodeRegistration(
        nodeId,
        type,
        environment,
        group,
        version,
        address,
        endpoint,
        capabilities,
        capacity,
        health,
        metadata);
  }

  private static void requireText(String nodeId, String field, String value) {
    if (value == null || value.isBlank()) {
      String which = field.equals("nodeId") ? "a node" : "node '" + nodeId + "'";
      throw new IllegalArgumentException(
          "Expected "
              + which
              + " to be registered with a non-blank "
              + field
              + ", but it is "
              + (value == null ? "null" : "'" + value + "'"));
    }
  }
}
