package io.onex.engine.cluster.lease.internal;

import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.core.InternalApi;
import io.onex.engine.persistence.EngineSerializable;
import java.time.Instant;

/** What the lease manager journals: each change to the leases, applied by {@link LeaseBook}. */
@InternalApi
public sealed interface LeaseEvent extends EngineSerializable {

  /** {@code lease} was granted; its token is the resource's highest. */
  record Granted(Lease lease) implements LeaseEvent {}

  /** Lease {@code leaseId} on {@code resource} now lasts until {@code expiresAt}. */
  record Renewed(String resource, String leaseId, Instant expiresAt) implements LeaseEvent {}

  /** Lease {@code leaseId} on {@code resource} was given up; the resource is free. */
  record Released(String resource, String leaseId) implements LeaseEvent {}
}
