package io.onex.engine.cluster.internal;

import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceReply;
import io.onex.engine.persistence.WorkflowInstances;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion.ClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One Cluster Sharding entity type per workflow type ({@code workflow-<type>}), entity id =
 * instance id. Regions are started on first use, so types registered after start are hosted too.
 */
final class InstanceShards {

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final Map<String, EntityTypeKey<InstanceCommand>> keys = new ConcurrentHashMap<>();
  private volatile WorkflowInstances instances;

  InstanceShards(ActorSystem<?> system) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
  }

  /** Sets the instances to host; called once, before any region starts. */
  void hostWith(WorkflowInstances instances) {
    this.instances = instances;
  }

  /** Starts the shard region hosting instances of {@code workflowType}, once. */
  void host(String workflowType) {
    keys.computeIfAbsent(workflowType, this::startRegion);
  }

  /**
   * Completes when the shard coordinator of every hosted type answers, so that the first request to
   * an instance does not also wait for the coordinator to start.
   */
  CompletableFuture<Void> ready(Duration timeout) {
    return stats(timeout).thenApply(all -> null);
  }

  /** For each hosted workflow type, which node hosts which shards with how many instances. */
  CompletableFuture<Map<String, ClusterShardingStats>> stats(Duration timeout) {
    Map<String, CompletableFuture<ClusterShardingStats>> answers = new java.util.TreeMap<>();
    keys.forEach(
        (type, key) ->
            answers.put(
                type,
                Stages.direct(
                    AskPattern.<ClusterShardingQuery, ClusterShardingStats>ask(
                        sharding.shardState(),
                        replyTo -> new GetClusterShardingStats(key, timeout, replyTo),
                        timeout,
                        system.scheduler()))));
    return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
        .thenApply(
            all -> {
              Map<String, ClusterShardingStats> stats = new java.util.TreeMap<>();
              answers.forEach((type, answer) -> stats.put(type, answer.join()));
              return stats;
            });
  }

  /**
   * Sends a first request down the whole path an instance request takes (sharding, the instance
   * behaviour, its recovery from the journal, the reply), so that the first request a client makes
   * to a new node does not also pay for loading and compiling that path (in a new JVM that halves
   * the first answer). Uses an entity type of its own and an instance id no client can use, so it
   * touches no workflow instance and journals nothing.
   */
  CompletableFuture<Void> warmUp(Duration timeout) {
    if (keys.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    String workflowType = new java.util.TreeSet<>(keys.keySet()).first();
    EntityTypeKey<InstanceCommand> key =
        EntityTypeKey.create(InstanceCommand.class, "onex-warm-up-" + workflowType);
    initRegion(key, workflowType);
    return Stages.direct(
            sharding
                .entityRefFor(key, WARM_UP_ID)
                .<InstanceReply>ask(InstanceCommand.Get::new, timeout))
        .thenApply(reply -> null);
  }

  /** Not a valid instance id ({@link io.onex.engine.core.WorkflowDefinition#IDENTIFIER}). */
  private static final String WARM_UP_ID = "$warm-up";

  WorkflowInstances instances() {
    return instances;
  }

  /** Whether instances of {@code workflowType} are hosted here (its definition is registered). */
  boolean hosts(String workflowType) {
    return instances.registry().contains(workflowType);
  }

  EntityRef<InstanceCommand> entityRef(String workflowType, String instanceId) {
    return sharding.entityRefFor(keys.computeIfAbsent(workflowType, this::startRegion), instanceId);
  }

  private EntityTypeKey<InstanceCommand> startRegion(String workflowType) {
    EntityTypeKey<InstanceCommand> key =
        EntityTypeKey.create(InstanceCommand.class, "workflow-" + workflowType);
    initRegion(key, workflowType);
    return key;
  }

  /**
   * Starts the region of {@code key} hosting instances of {@code workflowType}. Instances are not
   * remembered by sharding (that costs a write per start): the ones that await an intent or a timer
   * are woken from the awaiting-instances index after a crash or the loss of a node ({@link
   * AwaitingWaker}); idle ones passivate themselves.
   */
  private void initRegion(EntityTypeKey<InstanceCommand> key, String workflowType) {
    sharding.init(
        Entity.of(
            key,
            entity ->
                instances.behavior(
                    workflowType,
                    entity.getEntityId(),
                    self -> entity.getShard().tell(new ClusterSharding.Passivate<>(self)))));
  }
}
