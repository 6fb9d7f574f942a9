package io.onex.engine.cluster.internal;

import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.cluster.lease.LeaseCheck;
import io.onex.engine.cluster.lease.LeaseManager;
import io.onex.engine.core.Action;
import io.onex.engine.core.LeaseFence;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.error.LeaseRejectedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Admits starts and actions to single-writer instances: checks with the lease manager that the
 * action's lease is the current grant on the instance's resource before the action reaches the
 * instance, which then refuses tokens below the highest it has seen. An action without a lease is
 * left to the instance, which refuses it as {@code lease-required}.
 */
final class LeaseGate {

  private final WorkflowRegistry registry;
  private final LeaseManager leases;
  private final InstanceRequests requests;

  LeaseGate(WorkflowRegistry registry, LeaseManager leases, InstanceRequests requests) {
    this.registry = registry;
    this.leases = leases;
    this.requests = requests;
  }

  /** Completes when {@code action} may go to the instance; fails with the reason it may not. */
  CompletionStage<Void> admit(String workflowType, String instanceId, Action action) {
    if (!registry.require(workflowType).leaseRequired()
        || action.leaseId() == null
        || action.fencingToken() == null) {
      return CompletableFuture.completedFuture(null);
    }
    return leases
        .verify(
            LeaseFence.resourceOf(workflowType, instanceId),
            action.leaseId(),
            action.fencingToken())
        .handle(
            (check, error) -> {
              if (error != null) {
                throw requests.unavailable(workflowType, instanceId, error);
              }
              if (!check.valid()) {
                throw LeaseRejectedException.stale(
                    workflowType, instanceId, check.reason(), describe(action, check));
              }
              return null;
            });
  }

  private static String describe(Action action, LeaseCheck check) {
    String presented =
        "lease '" + action.leaseId() + "' with fencing token " + action.fencingToken();
    Lease current = check.current();
    return presented
        + " is "
        + check.reason()
        + (current == null
            ? ""
            : "; the resource's lease is '"
                + current.leaseId()
                + "' with token "
                + current.fencingToken()
                + " held by '"
                + current.owner()
                + "' until "
                + current.expiresAt());
  }
}
