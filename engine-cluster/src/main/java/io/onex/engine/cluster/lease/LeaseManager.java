package io.onex.engine.cluster.lease;

import io.onex.engine.cluster.lease.internal.ClusterLeaseManager;
import io.onex.engine.core.error.LeaseConflictException;
import io.onex.engine.core.error.LeaseException;
import io.onex.engine.core.error.LeaseExpiredException;
import io.onex.engine.core.error.LeaseNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Grants, renews, releases and verifies leases on named resources (the single-writer rule): at most
 * one owner holds an unexpired lease on a resource, and each grant carries a fencing token higher
 * than any earlier grant on it.
 *
 * <p>The manager runs once per cluster (a cluster singleton) and journals every grant, renewal and
 * release, so when it moves to another node (its node left or was lost) it comes back with every
 * lease and token as they were. Stages fail with a {@link LeaseException} when a request is
 * refused, and with {@link IllegalArgumentException} for malformed input. Thread-safe.
 */
public interface LeaseManager {

  /** The lease manager of the cluster {@code system} belongs to; starts its singleton once. */
  static LeaseManager of(ActorSystem<?> system) {
    return ClusterLeaseManager.get(system);
  }

  /**
   * Grants {@code owner} the lease on {@code resource} for {@code ttl}. Succeeds when the resource
   * is free, released or its lease lapsed (with a higher fencing token than before), or when {@code
   * owner} already holds it (the same lease, unchanged); fails with {@link LeaseConflictException}
   * while another owner holds it.
   */
  CompletionStage<Lease> acquire(String resource, String owner, Duration ttl);

  /**
   * Extends lease {@code leaseId} by {@code ttl} from now ({@code null}: by its own ttl). Fails
   * with {@link LeaseExpiredException} once it lapsed, {@link LeaseNotFoundException} when it is
   * not current.
   */
  CompletionStage<Lease> renew(String leaseId, Duration ttl);

  /**
   * Releases lease {@code leaseId}; the resource is free at once. Completes with the released
   * lease; fails with {@link LeaseNotFoundException} when it is not current.
   */
  CompletionStage<Lease> release(String leaseId);

  /** Whether {@code leaseId} with {@code fencingToken} is the current, unexpired grant. */
  CompletionStage<LeaseCheck> verify(String resource, String leaseId, long fencingToken);

  /** The unexpired leases, by resource. */
  CompletionStage<List<Lease>> leases();
}
