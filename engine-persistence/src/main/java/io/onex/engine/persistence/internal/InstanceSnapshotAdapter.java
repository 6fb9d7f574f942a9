package io.onex.engine.persistence.internal;

import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.persistence.internal.InstanceState.Active;
import io.onex.engine.persistence.internal.InstanceState.Diverged;
import org.apache.pekko.persistence.typed.SnapshotAdapter;

/**
 * Writes an instance's state as an {@link InstanceSnapshot} (the workflow state as JSON, with the
 * definition version that made it) and reads it back with that version's state type.
 */
final class InstanceSnapshotAdapter implements SnapshotAdapter<InstanceState> {

  private final WorkflowRegistry registry;

  InstanceSnapshotAdapter(WorkflowRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Object toJournal(InstanceState state) {
    WorkflowInstance<Object> instance;
    if (state instanceof Active active) {
      instance = active.instance();
    } else if (state instanceof Diverged diverged) {
      instance = diverged.lastGood();
    } else {
      throw new IllegalStateException("No snapshot of an instance that never started");
    }
    return new InstanceSnapshot(
        instance.workflowType(),
        instance.instanceId(),
        instance.definitionVersion(),
        instance.status(),
        instance.statusReason(),
        instance.sequence(),
        instance.epoch(),
        EngineJson.mapper().valueToTree(instance.state()),
        instance.stateDigest(),
        instance.pendingIntents(),
        state instanceof Active active ? active.idempotency() : IdempotencyWindow.EMPTY,
        instance.fence());
  }

  @Override
  public InstanceState fromJournal(Object from) {
    InstanceSnapshot snapshot = (InstanceSnapshot) from;
    WorkflowDefinition<?, ?> definition =
        registry.require(snapshot.workflowType(), snapshot.definitionVersion());
    Object state = EngineJson.mapper().convertValue(snapshot.state(), definition.stateType());
    return new Active(
        new WorkflowInstance<>(
            snapshot.workflowType(),
            snapshot.instanceId(),
            snapshot.definitionVersion(),
            snapshot.status(),
            snapshot.statusReason(),
            snapshot.sequence(),
            snapshot.epoch(),
            state,
            snapshot.stateDigest(),
            snapshot.pendingIntents(),
            snapshot.fence()),
        snapshot.idempotency() == null ? IdempotencyWindow.EMPTY : snapshot.idempotency());
  }
}
