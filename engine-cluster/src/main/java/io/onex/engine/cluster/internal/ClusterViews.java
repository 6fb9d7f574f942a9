package io.onex.engine.cluster.internal;

import io.onex.engine.cluster.ClusterView;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.sharding.ShardRegion.ShardRegionStats;
import org.apache.pekko.cluster.typed.Cluster;

/** The cluster as this node sees it: members, leader, and the hosts of each type's shards. */
final class ClusterViews {

  private final ActorSystem<?> system;
  private final InstanceShards shards;
  private final Duration timeout;
  private final Executor executor;

  ClusterViews(ActorSystem<?> system, InstanceShards shards, Duration timeout, Executor executor) {
    this.system = system;
    this.shards = shards;
    this.timeout = timeout;
    this.executor = executor;
  }

  CompletionStage<ClusterView> current() {
    return shards
        .stats(timeout)
        .thenApplyAsync(
            stats -> {
              CurrentClusterState state = Cluster.get(system).state();
              Set<org.apache.pekko.cluster.Member> unreachable = state.getUnreachable();
              List<ClusterView.Member> members =
                  StreamSupport.stream(state.getMembers().spliterator(), false)
                      .map(
                          member ->
                              new ClusterView.Member(
                                  member.address().toString(),
                                  member.status().toString(),
                                  member.getRoles().stream()
                                      .filter(role -> !role.startsWith("dc-"))
                                      .sorted()
                                      .toList(),
                                  !unreachable.contains(member)))
                      .toList();
              Map<String, List<ClusterView.ShardHost>> shardHosts = new TreeMap<>();
              stats.forEach(
                  (type, typeStats) ->
                      shardHosts.put(
                          type,
                          typeStats.getRegions().entrySet().stream()
                              .map(region -> shardHost(region.getKey(), region.getValue()))
                              .sorted(Comparator.comparing(ClusterView.ShardHost::address))
                              .toList()));
              Address leader = state.getLeader();
              return new ClusterView(
                  Cluster.get(system).selfMember().address().toString(),
                  leader == null ? null : leader.toString(),
                  members,
                  shardHosts);
            },
            executor);
  }

  private static ClusterView.ShardHost shardHost(Address address, ShardRegionStats region) {
    Map<String, Integer> shards = new TreeMap<>();
    region.getStats().forEach((shard, count) -> shards.put(shard, ((Number) count).intValue()));
    return new ClusterView.ShardHost(
        address.toString(),
        shards.size(),
        shards.values().stream().mapToInt(Integer::intValue).sum(),
        shards);
  }
}
