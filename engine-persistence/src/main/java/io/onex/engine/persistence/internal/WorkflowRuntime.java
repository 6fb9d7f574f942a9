package io.onex.engine.persistence.internal;

import com.typesafe.config.Config;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.internal.InstanceMachine;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every instance actor of a node shares: the registered definitions, their compiled schemas,
 * one {@link InstanceMachine} per definition version, the clock used to check action expiry (never
 * seen by reducers), and the snapshot settings. Thread-safe.
 */
public final class WorkflowRuntime {

  private final WorkflowRegistry registry;
  private final PayloadSchemas schemas = new PayloadSchemas();
  private final Map<WorkflowDefinition<?, ?>, InstanceMachine<Object, Object>> machines =
      new ConcurrentHashMap<>();
  private final Clock clock;
  private final int snapshotEvery;
  private final int snapshotsKept;

  public WorkflowRuntime(
      WorkflowRegistry registry, Clock clock, int snapshotEvery, int snapshotsKept) {
    this.registry = registry;
    this.clock = clock;
    this.snapshotEvery = snapshotEvery;
    this.snapshotsKept = snapshotsKept;
  }

  /** Reads {@code onex.instance} from a resolved configuration. */
  public static WorkflowRuntime create(WorkflowRegistry registry, Config config) {
    Config instance = config.getConfig("onex.instance");
    return new WorkflowRuntime(
        registry,
        Clock.systemUTC(),
        instance.getInt("snapshot-every"),
        instance.getInt("snapshots-kept"));
  }

  public WorkflowRegistry registry() {
    return registry;
  }

  public PayloadSchemas schemas() {
    return schemas;
  }

  public Clock clock() {
    return clock;
  }

  public int snapshotEvery() {
    return snapshotEvery;
  }

  public int snapshotsKept() {
    return snapshotsKept;
  }

  /** The machine of the given definition version; throws if that version is not registered. */
  public InstanceMachine<Object, Object> machine(String type, int version) {
    return machine(registry.require(type, version));
  }

  /** The machine of {@code definition}. */
  @SuppressWarnings("unchecked")
  public InstanceMachine<Object, Object> machine(WorkflowDefinition<?, ?> definition) {
    return machines.computeIfAbsent(
        definition, d -> InstanceMachine.of((WorkflowDefinition<Object, Object>) d));
  }
}
