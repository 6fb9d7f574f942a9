package io.onex.engine.cluster.registry.internal;

import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeChange;
import io.onex.engine.cluster.registry.NodeChange.Kind;
import io.onex.engine.cluster.registry.NodeInfo;
import io.onex.engine.cluster.registry.NodeQuery;
import io.onex.engine.cluster.registry.NodeRegistration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's nodes and the cluster addresses that are unreachable. Every operation returns a
 * {@link Step}: the new state, the changes to publish and the node it concerned. Time comes in as
 * an argument, so that the same inputs always give the same step.
 */
record RegistryState(Map<String, NodeEntry> entries, Set<String> unreachable) {

  RegistryState {
    entries = Map.copyOf(entries);
    unreachable = Set.copyOf(unreachable);
  }

  static RegistryState empty() {
    return new RegistryState(Map.of(), Set.of());
  }

  /** The outcome of one operation; {@code node} is empty when the operation found no node. */
  record Step(RegistryState state, List<NodeChange> changes, Optional<NodeInfo> node) {

    Step {
      changes = List.copyOf(changes);
    }
  }

  Step register(NodeRegistration registration, Duration ttl, Instant now) {
    NodeEntry entry = NodeEntry.registered(registration, ttl, now);
    Kind kind = entries.containsKey(entry.nodeId()) ? Kind.UPDATED : Kind.REGISTERED;
    RegistryState next = with(entry);
    NodeInfo node = next.view(entry);
    return new Step(next, List.of(new NodeChange(kind, node)), Optional.of(node));
  }

  Step unregister(String nodeId) {
    NodeEntry entry = entries.get(nodeId);
    if (entry == null) {
      return unchanged();
    }
    NodeInfo node = view(entry);
    return new Step(
        without(List.of(nodeId)), List.of(new NodeChange(Kind.REMOVED, node)), Optional.of(node));
  }

  Step heartbeat(String nodeId, Instant now) {
    NodeEntry entry = entries.get(nodeId);
    if (entry == null) {
      return unchanged();
    }
    return replace(entry, entry.beat(now));
  }

  Step updateHealth(String nodeId, HealthStatus health, Map<String, String> detail) {
    NodeEntry entry = entries.get(nodeId);
    if (entry == null) {
      return unchanged();
    }
    return replace(entry, entry.report(health, detail));
  }

  /** Expires the nodes whose heartbeats are overdue and removes those expired for too long. */
  Step checkTtls(Instant now, Duration removalAfter) {
    Map<String, NodeEntry> next = new HashMap<>(entries);
    List<NodeChange> changes = new ArrayList<>();
    for (NodeEntry entry : sorted(entries.values())) {
      if (!entry.overdue(now)) {
        continue;
      }
      NodeEntry expired = entry.expire();
      if (!entry.expired()) {
        changes.add(new NodeChange(Kind.EXPIRED, view(expired)));
      }
      if (entry.removable(now, removalAfter)) {
        next.remove(entry.nodeId());
        changes.add(new NodeChange(Kind.REMOVED, view(expired)));
      } else {
        next.put(entry.nodeId(), expired);
      }
    }
    if (changes.isEmpty()) {
      return unchanged();
    }
    return new Step(new RegistryState(next, unreachable), changes, Optional.empty());
  }

  /** Removes every node registered at the address of a member that left the cluster. */
  Step memberRemoved(String address) {
    List<NodeEntry> gone = at(address);
    Set<String> stillUnreachable = new HashSet<>(unreachable);
    stillUnreachable.remove(address);
    List<String> goneIds = gone.stream().map(NodeEntry::nodeId).toList();
    RegistryState next = new RegistryState(without(goneIds).entries(), stillUnreachable);
    List<NodeChange> changes =
        gone.stream().map(entry -> new NodeChange(Kind.REMOVED, view(entry))).toList();
    return new Step(next, changes, Optional.empty());
  }

  Step memberUnreachable(String address) {
    if (unreachable.contains(address)) {
      return unchanged();
    }
    Set<String> next = new HashSet<>(unreachable);
    next.add(address);
    return reachabilityChanged(address, new RegistryState(entries, next));
  }

  Step memberReachable(String address) {
    if (!unreachable.contains(address)) {
      return unchanged();
    }
    Set<String> next = new HashSet<>(unreachable);
    next.remove(address);
    return reachabilityChanged(address, new RegistryState(entries, next));
  }

  Optional<NodeInfo> node(String nodeId) {
    return Optional.ofNullable(entries.get(nodeId)).map(this::view);
  }

  /** The nodes matching {@code query}, sorted by node id. */
  List<NodeInfo> discover(NodeQuery query) {
    return sorted(entries.values()).stream().map(this::view).filter(query::matches).toList();
  }

  private Step reachabilityChanged(String address, RegistryState next) {
    List<NodeChange> changes = new ArrayList<>();
    for (NodeEntry entry : at(address)) {
      NodeInfo before = view(entry);
      NodeInfo after = next.view(entry);
      if (healthDiffers(before, after)) {
        changes.add(new NodeChange(Kind.HEALTH_CHANGED, after));
      }
    }
    return new Step(next, changes, Optional.empty());
  }

  private Step replace(NodeEntry before, NodeEntry after) {
    RegistryState next = with(after);
    NodeInfo old = view(before);
    NodeInfo node = next.view(after);
    List<NodeChange> changes =
        healthDiffers(old, node) ? List.of(new NodeChange(Kind.HEALTH_CHANGED, node)) : List.of();
    return new Step(next, changes, Optional.of(node));
  }

  private static boolean healthDiffers(NodeInfo before, NodeInfo after) {
    return before.health() != after.health()
        || before.expired() != after.expired()
        || !before.healthDetail().equals(after.healthDetail());
  }

  private NodeInfo view(NodeEntry entry) {
    String address = entry.registration().address();
    return entry.view(address != null && unreachable.contains(address));
  }

  private List<NodeEntry> at(String address) {
    return sorted(entries.values()).stream()
        .filter(entry -> Objects.equals(entry.registration().address(), address))
        .toList();
  }

  private RegistryState with(NodeEntry entry) {
    Map<String, NodeEntry> next = new HashMap<>(entries);
    next.put(entry.nodeId(), entry);
    return new RegistryState(next, unreachable);
  }

  private RegistryState without(List<String> nodeIds) {
    Map<String, NodeEntry> next = new HashMap<>(entries);
    nodeIds.forEach(next::remove);
    return new RegistryState(next, unreachable);
  }

  private Step unchanged() {
    return new Step(this, List.of(), Optional.empty());
  }

  private static List<NodeEntry> sorted(Collection<NodeEntry> entries) {
    return entries.stream().sorted(Comparator.comparing(NodeEntry::nodeId)).toList();
  }
}
