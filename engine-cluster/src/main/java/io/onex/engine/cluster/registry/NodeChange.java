package io.onex.engine.cluster.registry;

import java.util.Objects;

/**
 * One change to the registry, as {@link NodeRegistry#watch} delivers it: what happened and the node
 * right after it (right before it, for {@link Kind#REMOVED}). Immutable; serialized as JSON when it
 * crosses nodes.
 */
public record NodeChange(Kind kind, NodeInfo node) {

  public NodeChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(node, "node");
  }

  /** What happened to the node. */
  public enum Kind {
    /** A node registered that the registry did not know. */
    REGISTERED,
    /** A known node registered again; its new registration replaced the old one. */
    UPDATED,
    /**
     * Its health or health detail changed: reported by the node, its cluster member became
     * unreachable or reachable again, or a heartbeat revived it after it expired.
     */
    HEALTH_CHANGED,
    /** It sent no heartbeat within its TTL; its health is now unknown. */
    EXPIRED,
    /** It was unregistered, stayed expired too long, or its cluster member was removed. */
    REMOVED
  }
}
