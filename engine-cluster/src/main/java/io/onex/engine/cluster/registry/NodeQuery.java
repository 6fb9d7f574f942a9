package io.onex.engine.cluster.registry;

import java.util.Objects;

/**
 * Which nodes to discover or watch: every non-null field must match, a null field matches any
 * value. Immutable.
 *
 * @param health matched against the node's health as the registry judges it ({@link
 *     NodeInfo#health()})
 */
public record NodeQuery(NodeType type, String environment, String group, HealthStatus health) {

  /** Matches every node. */
  public static NodeQuery all() {
    return new NodeQuery(null, null, null, null);
  }

  /** This query, restricted to nodes of {@code type}. */
  public NodeQuery withType(NodeType type) {
    return new NodeQuery(type, environment, group, health);
  }

  /** This query, restricted to nodes in {@code environment}. */
  public NodeQuery inEnvironment(String environment) {
    return new NodeQuery(type, environment, group, health);
  }

  /** This query, restricted to nodes in {@code group}. */
  public NodeQuery inGroup(String group) {
    return new NodeQuery(type, environment, group, health);
  }

  /** This query, restricted to nodes whose health is {@code health}. */
  public NodeQuery withHealth(HealthStatus health) {
    return new NodeQuery(type, environment, group, health);
  }

  /** Whether {@code node} matches every field that is set. */
  public boolean matches(NodeInfo node) {
    return (type == null || type == node.type())
        && (environment == null || environment.equals(node.environment()))
        && (group == null || group.equals(node.group()))
        && (health == null || health == node.health());
  }

  @Override
  public String toString() {
    return "NodeQuery[type="
        + Objects.toString(type, "any")
        + ", environment="
        + Objects.toString(environment, "any")
        + ", group="
        + Objects.toString(group, "any")
        + ", health="
        + Objects.toString(health, "any")
        + "]";
  }
}
