package io.onex.engine.core.machine;

import io.onex.engine.core.Action;
import io.onex.engine.core.LeaseFence;
import io.onex.engine.core.error.LeaseRejectedException;

/** How a single-writer instance admits an action by the lease it carries. Stateless. */
final class LeaseAdmission {

  private LeaseAdmission() {}

  /**
   * The fence after admitting {@code action} to a single-writer instance that has seen {@code
   * fence}; throws {@link LeaseRejectedException} when the action carries no lease or a token below
   * the highest seen, or another lease under the same token.
   */
  static LeaseFence admit(LeaseFence fence, String workflowType, String instanceId, Action action) {
    if (action.leaseId() == null || action.fencingToken() == null) {
      throw LeaseRejectedException.missing(workflowType, instanceId, action.type());
    }
    if (fence != null && action.fencingToken() < fence.fencingToken()) {
      throw LeaseRejectedException.stale(
          workflowType,
          instanceId,
          "superseded",
          "action '"
              + action.type()
              + "' carries fencing token "
              + action.fencingToken()
              + " of lease '"
              + action.leaseId()
              + "' while the instance has admitted token "
              + fence.fencingToken()
              + " of lease '"
              + fence.leaseId()
              + "'");
    }
    if (fence != null
        && action.fencingToken() == fence.fencingToken()
        && !action.leaseId().equals(fence.leaseId())) {
      throw LeaseRejectedException.stale(
          workflowType,
          instanceId,
          "unknown",
          "action '"
              + action.type()
              + "' carries lease '"
              + action.leaseId()
              + "' with the token of lease '"
              + fence.leaseId()
              + "'");
    }
    return new LeaseFence(action.leaseId(), action.fencingToken());
  }
}
