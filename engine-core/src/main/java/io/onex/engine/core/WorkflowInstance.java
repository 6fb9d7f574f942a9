package io.onex.engine.core;

import java.util.Objects;

/**
 * The engine's envelope around a workflow's own state: which instance it is, the definition version
 * it is pinned to, its status, the sequence number of the last applied event, its epoch and the
 * digest of the state.
 *
 * <p>Immutable; produced only by applying events, live or in replay.
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
    String stateDigest) {

  public WorkflowInstance {
    Objects.requireNonNull(workflowType, "workflowType");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(state, "state");
  }
}
