package io.onex.engine.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.internal.EngineJson;

/**
 * A workflow instance as callers see it: identity, status, the sequence number of its last event,
 * epoch, pinned definition version and the workflow's own state as JSON. A snapshot in time,
 * immutable.
 *
 * @param statusReason why the instance failed or was cancelled; absent otherwise
 */
public record InstanceView(
    String type,
    String instanceId,
    InstanceStatus status,
    long sequence,
    long epoch,
    int definitionVersion,
    JsonNode state,
    @JsonInclude(JsonInclude.Include.NON_NULL) String statusReason) {

  /** The view of {@code instance}. */
  public static InstanceView of(WorkflowInstance<?> instance) {
    return new InstanceView(
        instance.workflowType(),
        instance.instanceId(),
        instance.status(),
        instance.sequence(),
        instance.epoch(),
        instance.definitionVersion(),
        EngineJson.mapper().valueToTree(instance.state()),
        instance.statusReason());
  }

  /** The state decoded into {@code type}, for embedding callers that know the workflow's types. */
  public <S> S stateAs(Class<S> type) {
    return EngineJson.mapper().convertValue(state, type);
  }
}
