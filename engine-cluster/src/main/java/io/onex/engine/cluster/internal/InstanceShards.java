package io.onex.engine.cluster.internal;

import io.onex.engine.persistence.internal.InstanceCommand;
import io.onex.engine.persistence.internal.WorkflowInstanceBehavior;
import io.onex.engine.persistence.internal.WorkflowRuntime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One Cluster Sharding entity type per workflow type ({@code workflow-<type>}), entity id =
 * instance id. Regions are started on first use, so types registered after start are hosted too.
 */
final class InstanceShards {

  private final ClusterSharding sharding;
  private final WorkflowRuntime runtime;
  private final Map<String, EntityTypeKey<InstanceCommand>> keys = new ConcurrentHashMap<>();

  InstanceShards(ActorSystem<?> system, WorkflowRuntime runtime) {
    this.sharding = ClusterSharding.get(system);
    this.runtime = runtime;
  }

  /** Starts the shard region hosting instances of {@code workflowType}, once. */
  void host(String workflowType) {
    keys.computeIfAbsent(workflowType, this::startRegion);
  }

  EntityRef<InstanceCommand> entityRef(String workflowType, String instanceId) {
    return sharding.entityRefFor(keys.computeIfAbsent(workflowType, this::startRegion), instanceId);
  }

  private EntityTypeKey<InstanceCommand> startRegion(String workflowType) {
    EntityTypeKey<InstanceCommand> key =
        EntityTypeKey.create(InstanceCommand.class, "workflow-" + workflowType);
    sharding.init(
        Entity.of(
            key,
            entity ->
                WorkflowInstanceBehavior.create(workflowType, entity.getEntityId(), runtime)));
    return key;
  }
}
