package io.onex.engine.cluster.registry.internal;

import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeQuery;
import io.onex.engine.cluster.registry.NodeRegistration;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the registry singleton accepts: requests, each answered with one {@link RegistryReply}, and
 * the signals it sends itself. Requests cross nodes, so they are bound to Jackson in
 * reference.conf.
 */
sealed interface RegistryCommand {

  /** Answered with {@link RegistryReply.Found}. */
  record Register(NodeRegistration registration, Duration ttl, ActorRef<RegistryReply> replyTo)
      implements RegistryCommand {}

  /** Answered with {@link RegistryReply.Unregistered}. */
  record Unregister(String nodeId, ActorRef<RegistryReply> replyTo) implements RegistryCommand {}

  /** Answered with {@link RegistryReply.Found} or {@link RegistryReply.NotFound}. */
  record Heartbeat(String nodeId, ActorRef<RegistryReply> replyTo) implements RegistryCommand {}

  /** Answered with {@link RegistryReply.Found} or {@link RegistryReply.NotFound}. */
  record UpdateHealth(
      String nodeId,
      HealthStatus health,
      Map<String, String> detail,
      ActorRef<RegistryReply> replyTo)
      implements RegistryCommand {}

  /** Answered with {@link RegistryReply.Listed}. */
  record Discover(NodeQuery query, ActorRef<RegistryReply> replyTo) implements RegistryCommand {}

  /** Answered with {@link RegistryReply.Found} or {@link RegistryReply.NotFound}. */
  record GetNode(String nodeId, ActorRef<RegistryReply> replyTo) implements RegistryCommand {}

  /** Time to expire and remove nodes whose heartbeats are overdue. */
  enum CheckTtls implements RegistryCommand {
    INSTANCE
  }

  /** The cluster member at {@code address} was removed. */
  record MemberRemoved(String address) implements RegistryCommand {}

  /** The cluster member at {@code address} became unreachable. */
  record MemberUnreachable(String address) implements RegistryCommand {}

  /** The cluster member at {@code address} is reachable again. */
  record MemberReachable(String address) implements RegistryCommand {}
}
