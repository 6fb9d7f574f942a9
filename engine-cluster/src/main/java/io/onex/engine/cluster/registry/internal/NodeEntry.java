package io.onex.engine.cluster.registry.internal;

import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeInfo;
import io.onex.engine.cluster.registry.NodeRegistration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One registered node: its registration, its heartbeats and the health it last reported itself. The
 * health others see is derived from these in {@link #view}.
 */
record NodeEntry(
    NodeRegistration registration,
    Instant registeredAt,
    Instant lastHeartbeat,
    Duration ttl,
    boolean expired,
    HealthStatus reportedHealth,
    Map<String, String> reportedDetail) {

  static final Map<String, String> UNREACHABLE_DETAIL = Map.of("cluster", "member unreachable");

  NodeEntry {
    reportedDetail = Map.copyOf(reportedDetail);
  }

  static NodeEntry registered(NodeRegistration registration, Duration ttl, Instant now) {
    return new NodeEntry(registration, now, now, ttl, false, registration.health(), Map.of());
  }

  String nodeId() {
    return registration.nodeId();
  }

  NodeEntry beat(Instant now) {
    return new NodeEntry(
        registration, registeredAt, now, ttl, false, reportedHealth, reportedDetail);
  }

  NodeEntry report(HealthStatus health, Map<String, String> detail) {
    return new NodeEntry(registration, registeredAt, lastHeartbeat, ttl, expired, health, detail);
  }

  NodeEntry expire() {
    return new NodeEntry(
        registration, registeredAt, lastHeartbeat, ttl, true, reportedHealth, reportedDetail);
  }

  /** Whether its last heartbeat is older than its TTL. */
  boolean overdue(Instant now) {
    return now.isAfter(lastHeartbeat.plus(ttl));
  }

  /** Whether its last heartbeat is older than its TTL and the grace period after it. */
  boolean removable(Instant now, Duration removalAfter) {
    return now.isAfter(lastHeartbeat.plus(ttl).plus(removalAfter));
  }

  /**
   * The node as others see it. A missed heartbeat says more than an old report, so an expired node
   * is UNKNOWN; an unreachable member's nodes are UNHEALTHY whatever they last reported.
   */
  NodeInfo view(boolean unreachable) {
    HealthStatus health = reportedHealth;
    Map<String, String> detail = reportedDetail;
    if (expired) {
      health = HealthStatus.UNKNOWN;
      detail = Map.of("registry", "no heartbeat within " + ttl.toMillis() + " ms");
    } else if (unreachable) {
      health = HealthStatus.UNHEALTHY;
      detail = UNREACHABLE_DETAIL;
    }
    return new NodeInfo(
        registration.nodeId(),
        registration.type(),
        registration.environment(),
        registration.group(),
        registration.version(),
        registration.address(),
        registration.endpoint(),
        registration.capabilities(),
        registration.capacity(),
        health,
        registration.metadata(),
        registeredAt,
        lastHeartbeat,
        ttl.toMillis(),
        expired,
        detail);
  }
}
