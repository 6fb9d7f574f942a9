package io.onex.engine.core.client;

import io.onex.engine.core.InstanceStatus;
import java.util.Map;

/**
 * How many instances of one workflow type the instance index holds, in total, per definition
 * version and per status.
 *
 * @param workflowType the workflow type
 * @param total every indexed instance of the type
 * @param byVersion instances per definition version (versions without instances are left out)
 * @param byStatus instances per status (statuses without instances are left out)
 */
public record InstanceCounts(
    String workflowType,
    long total,
    Map<Integer, Long> byVersion,
    Map<InstanceStatus, Long> byStatus) {

  public InstanceCounts {
    byVersion = Map.copyOf(byVersion);
    byStatus = Map.copyOf(byStatus);
  }

  /** How many of the instances have not ended (their status is not final). */
  public long unfinished() {
    return byStatus.entrySet().stream()
        .filter(entry -> !entry.getKey().isFinal())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
