package io.onex.engine.core;

import java.util.Objects;

/**
 * The lease a single-writer instance last admitted an action under, and that lease's fencing token:
 * the highest token the instance has seen. An action carrying a lower token comes from a holder
 * whose lease has since been superseded, and is refused.
 *
 * @param leaseId the lease's id
 * @param fencingToken the token granted with it; tokens of one resource only ever grow
 */
public record LeaseFence(String leaseId, long fencingToken) {

  public LeaseFence {
    Objects.requireNonNull(leaseId, "leaseId");
  }

  /**
   * The lease resource guarding instance {@code instanceId} of {@code workflowType}: {@code
   * <workflowType>/<instanceId>}. A writer acquires a lease on this resource before it starts the
   * instance or sends it actions.
   */
  public static String resourceOf(String workflowType, String instanceId) {
    return workflowType + "/" + instanceId;
  }
}
