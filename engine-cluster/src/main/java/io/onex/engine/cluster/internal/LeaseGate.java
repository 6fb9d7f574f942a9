package io.onex.engine.cluster.internal;

import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.cluster.lease.LeaseCheck;
import io.onex.engine.cluster.lease.LeaseManager;
import io.onex.engine.core.Action;
import io.onex.engine.core.LeaseFence;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.error.LeaseRejectedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Admits starts and actions to single-writer instances: checks with the lease manager that the
 * action's lease is the current grant on the instance's resource before the action reaches the
 * instance, which then refuses tokens below the highest it has seen. Whether an instance is
 * single-writer is decided by the definition version it is pinned to (a start: the latest one); the
 * gate asks the instance for its version only when some version of the type requires a lease. An
 * action without a lease is left to the instance, which refuses it as {@code lease-required}.
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

  /** Completes when a start may create the instance; fails with the reason it may not. */
  CompletionStage<Void> admitStart(String workflowType, String instanceId, Action start) {
    if (!carriesLease(start)
        || !registry.forNewInstance(workflowType, instanceId).leaseRequired()) {
      return CompletableFuture.completedFuture(null);
    }
    return verify(workflowType, instanceId, start);
  }

  /** Completes when {@code action} may go to the instance; fails with the reason it may not. */
  CompletionStage<Void> admit(String workflowType, String instanceId, Action action) {
    boolean anyVersionRequiresLease =
        registry.versions(workflowType).stream().anyMatch(WorkflowDefinition::leaseRequired);
    if (!carriesLease(action) || !anyVersionRequiresLease) {
      return CompletableFuture.completedFuture(null);
    }
    return requests
        .pinnedVersion(workflowType, instanceId)
        .thenCompose(
            version ->
                version != null && registry.require(workflowType, version).leaseRequired()
                    ? verify(workflowType, instanceId, action)
                    : CompletableFuture.completedFuture(null));
  }

  private static boolean carriesLease(Action action) {
    return action.leaseId() != null && action.fencingToken() != null;
  }

  private CompletionStage<Void> verify(String workflowType, String instanceId, Action action) {
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
