package io.onex.engine.persistence.internal;

import com.typesafe.config.Config;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.machine.InstanceMachine;
import io.onex.engine.persistence.AwaitingLog;
import io.onex.engine.persistence.DivergenceLog;
import io.onex.engine.persistence.InstanceTelemetry;
import io.onex.engine.persistence.IntentDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * What every instance actor of a node shares: the registered definitions, their compiled schemas,
 * one {@link InstanceMachine} per definition version, the clock used for expiry and timers (never
 * seen by reducers), snapshot and passivation settings, and where intents go. Thread-safe.
 */
@InternalApi
public final class WorkflowRuntime {

  private final WorkflowRegistry registry;
  private final PayloadSchemas schemas = new PayloadSchemas();
  private final Map<WorkflowDefinition<?, ?>, InstanceMachine<Object, Object>> machines =
      new ConcurrentHashMap<>();
  private final Clock clock;
  private final InstanceSettings settings;
  private final IntentDispatcher dispatcher;
  private final DivergenceLog divergences;
  private final AwaitingLog awaiting;
  private final InstanceTelemetry telemetry;
  private final NodeInstances instances;

  /** Per-instance settings, read from {@code onex.instance}, with the read side's slice count. */
  public record InstanceSettings(
      int snapshotEvery,
      int snapshotsKept,
      Duration idleTimeout,
      int idempotencyMaxKeys,
      Duration idempotencyMaxAge,
      Duration redispatchAfter,
      boolean validateState,
      Duration restartBackoffMin,
      Duration restartBackoffMax,
      int indexSlices) {

    /** Snapshots every {@code snapshotEvery} events, keeping {@code snapshotsKept}; 0: none. */
    public RetentionCriteria snapshots() {
      return snapshotEvery > 0
          ? RetentionCriteria.snapshotEvery(snapshotEvery, snapshotsKept)
          : RetentionCriteria.disabled();
    }

    /** The settings under {@code onex.instance}, and {@code onex.index.slices}. */
    public static InstanceSettings fromConfig(Config onex) {
      Config instance = onex.getConfig("instance");
      return new InstanceSettings(
          instance.getInt("snapshot-every"),
          instance.getInt("snapshots-kept"),
          instance.getDuration("passivate-idle-after"),
          instance.getInt("idempotency.max-keys"),
          instance.getDuration("idempotency.max-age"),
          instance.getDuration("redispatch-after"),
          instance.getBoolean("validate-state"),
          instance.getDuration("restart-backoff.min"),
          instance.getDuration("restart-backoff.max"),
          onex.getInt("index.slices"));
    }
  }

  public WorkflowRuntime(
      WorkflowRegistry registry,
      Clock clock,
      InstanceSettings settings,
      IntentDispatcher dispatcher,
      DivergenceLog divergences,
      AwaitingLog awaiting,
      InstanceTelemetry telemetry) {
    this.telemetry = telemetry;
    this.instances = new NodeInstances(telemetry.metrics());
    this.awaiting = awaiting;
    this.registry = registry;
    this.clock = clock;
    this.settings = settings;
    this.dispatcher = dispatcher;
    this.divergences = divergences;
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

  public InstanceSettings settings() {
    return settings;
  }

  /** Where the instances hand their intents. */
  public IntentDispatcher dispatcher() {
    return dispatcher;
  }

  /** Where instances report what their recovery found. */
  public DivergenceLog divergences() {
    return divergences;
  }

  /** Where instances send their spans and timings. */
  public InstanceTelemetry telemetry() {
    return telemetry;
  }

  /** The instances running on this node and their timers. */
  NodeInstances instances() {
    return instances;
  }

  /** Where instances tell what they await. */
  public AwaitingLog awaiting() {
    return awaiting;
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
