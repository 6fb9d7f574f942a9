package io.onex.engine.cluster.lease.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.persistence.EngineSerializable;
import org.apache.pekko.actor.typed.ActorRef;

/** What the lease manager singleton is asked; each request gets one {@link LeaseReply}. */
@InternalApi
public sealed interface LeaseCommand extends EngineSerializable {

  /** Grant {@code owner} the lease on {@code resource} for {@code ttlMs}. */
  record Acquire(String resource, String owner, long ttlMs, ActorRef<LeaseReply> replyTo)
      implements LeaseCommand {}

  /** Extend lease {@code leaseId} by {@code ttlMs} from now, or by its own ttl when null. */
  record Renew(String leaseId, Long ttlMs, ActorRef<LeaseReply> replyTo) implements LeaseCommand {}

  /** Give up lease {@code leaseId}. */
  record Release(String leaseId, ActorRef<LeaseReply> replyTo) implements LeaseCommand {}

  /** Whether {@code leaseId} with {@code token} is the current grant on {@code resource}. */
  record Verify(String resource, String leaseId, long token, ActorRef<LeaseReply> replyTo)
      implements LeaseCommand {}

  /** The unexpired leases. */
  record ListLeases(ActorRef<LeaseReply> replyTo) implements LeaseCommand {}
}
