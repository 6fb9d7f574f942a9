package io.onex.engine.cluster.internal;

import io.onex.engine.cluster.ClusterView;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.InstanceCounts;
import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.persistence.InstanceIndex;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Counts the passivated instances of the cluster: the unfinished instances of the instance index
 * less the instances the cluster's shards hold in memory (never below zero; within the index's lag
 * and the moment between the two readings). For gauge {@code onex.instances.passivated}.
 */
final class PassivatedInstances {

  private PassivatedInstances() {}

  static CompletionStage<Long> count(
      WorkflowRegistry registry, InstanceIndex index, ClusterViews cluster) {
    List<CompletableFuture<InstanceCounts>> counts =
        registry.types().stream().map(type -> Stages.direct(index.counts(type))).toList();
    return CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new))
        .thenCompose(
            all ->
                Stages.direct(cluster.current())
                    .thenApply(
                        view -> {
                          long unfinished =
                              counts.stream().mapToLong(count -> count.join().unfinished()).sum();
                          return Math.max(0, unfinished - running(view));
                        }));
  }

  private static long running(ClusterView view) {
    return view.shards().values().stream()
        .flatMap(List::stream)
        .mapToLong(ClusterView.ShardHost::instanceCount)
        .sum();
  }
}
