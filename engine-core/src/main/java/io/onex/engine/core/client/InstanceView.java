package io.onex.engine.core.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.LeaseFence;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.json.EngineJson;
import java.util.List;

/**
 * A workflow instance as callers see it: identity, status, the sequence number of its last event,
 * epoch, pinned definition version and the workflow's own state as JSON. A snapshot in time,
 * immutable.
 *
 * @param statusReason why the instance failed or was cancelled; absent otherwise
 * @param pendingIntents the intents awaiting their outcome, with their attempts
 * @param lease for a single-writer instance, the lease and highest fencing token it admitted
 */
public record InstanceView(
    String type,
    String instanceId,
    InstanceStatus status,
    long sequence,
    long epoch,
    int definitionVersion,
    JsonNode state,
    @JsonInclude(JsonInclude.Include.NON_NULL) String statusReason,
    List<PendingIntentView> pendingIntents,
    @JsonInclude(JsonInclude.Include.NON_NULL) LeaseFence lease) {

  public InstanceView {
    pendingIntents = pendingIntents == null ? List.of() : List.copyOf(pendingIntents);
  }

  /**
   * The view of {@code instance} as its last event left it: pending intents without any progress of
   * their execution.
   */
  public static InstanceView of(WorkflowInstance<?> instance) {
    return of(instance, EngineJson.mapper().valueToTree(instance.state()));
  }

  /** As {@link #of(WorkflowInstance)}, with the state already converted to {@code stateJson}. */
  public static InstanceView of(WorkflowInstance<?> instance, JsonNode stateJson) {
    return new InstanceView(
        instance.workflowType(),
        instance.instanceId(),
        instance.status(),
        instance.sequence(),
        instance.epoch(),
        instance.definitionVersion(),
        stateJson,
        instance.statusReason(),
        instance.pendingIntents().stream()
            .map(intent -> PendingIntentView.of(intent, 0, null, null))
            .toList(),
        instance.fence());
  }

  /** The view of {@code instance} with its pending intents as they are. */
  public static InstanceView of(WorkflowInstance<?> instance, List<PendingIntentView> pending) {
    return new InstanceView(
        instance.workflowType(),
        instance.instanceId(),
        instance.status(),
        instance.sequence(),
        instance.epoch(),
        instance.definitionVersion(),
        EngineJson.mapper().valueToTree(instance.state()),
        instance.statusReason(),
        pending,
        instance.fence());
  }

  /** The same view with {@code newStatus}, for the reason {@code reason}. */
  public InstanceView withStatus(InstanceStatus newStatus, String reason) {
    return new InstanceView(
        type,
        instanceId,
        newStatus,
        sequence,
        epoch,
        definitionVersion,
        state,
        reason,
        pendingIntents,
        lease);
  }

  /** The state decoded into {@code type}, for embedding callers that know the workflow's types. */
  public <S> S stateAs(Class<S> type) {
    return EngineJson.mapper().convertValue(state, type);
  }
}
