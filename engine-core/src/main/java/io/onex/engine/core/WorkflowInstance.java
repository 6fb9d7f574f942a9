package io.onex.engine.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's envelope around a workflow's own state: which instance it is, the definition version
 * it is pinned to, its status, the sequence number of the last applied event, its epoch and the
 * digest of the state, the intents it emitted that have no recorded outcome yet, and (for a
 * single-writer definition) the lease and highest fencing token it has admitted actions under.
 *
 * <p>Immutable; produced only by applying events, live or in replay.
 *
 * <p>The epoch is the instance's version for optimistic concurrency: 0 after the start, one higher
 * after every accepted action, outcome or fired timer. An action that expects another epoch is
 * refused with {@link io.onex.engine.core.error.EpochConflictException}.
 *
 * @param <S> the workflow's state type
 */
public record WorkflowInstance<S>(
    String workflowType,
    String instanceId,
    int definitionVersion,
    InstanceStatus status,
    String statusReason,
    long sequence,
    long epoch,
    S state,
    String stateDigest,
    List<Intent> pendingIntents,
    LeaseFence fence) {

  public WorkflowInstance {
    Objects.requireNonNull(workflowType, "workflowType");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(state, "state");
    pendingIntents = pendingIntents == null ? List.of() : List.copyOf(pendingIntents);
  }

  /** The same instance at epoch {@code newEpoch}. */
  public WorkflowInstance<S> withEpoch(long newEpoch) {
    return new WorkflowInstance<>(
        workflowType,
        instanceId,
        definitionVersion,
        status,
        statusReason,
        sequence,
        newEpoch,
        state,
        stateDigest,
        pendingIntents,
        fence);
  }

  /** The pending intent with id {@code intentId}, if there is one. */
  public Optional<Intent> pendingIntent(String intentId) {
    return pendingIntents.stream().filter(i -> i.intentId().equals(intentId)).findFirst();
  }
}
