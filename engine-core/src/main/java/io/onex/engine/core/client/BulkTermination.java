package io.onex.engine.core.client;

import java.util.List;

/**
 * What a bulk termination did, or with a dry run would do: the unfinished instances its query
 * matched, and those it terminated (none on a dry run) or could not (with why).
 *
 * @param dryRun whether nothing was changed
 * @param matched the unfinished instances the query matched, in the query's order
 * @param terminated the instances terminated
 * @param failed the instances that could not be terminated, by {@code type/instanceId}, with why
 */
public record BulkTermination(
    boolean dryRun, List<InstanceSummary> matched, List<String> terminated, List<String> failed) {

  public BulkTermination {
    matched = List.copyOf(matched);
    terminated = List.copyOf(terminated);
    failed = List.copyOf(failed);
  }
}
