package io.onex.engine.persistence.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.LeaseFence;
import io.onex.engine.persistence.EngineSerializable;
import java.util.List;

/**
 * The journaled form of an instance's state: the workflow state as JSON together with the
 * definition version that produced it, so it is decoded with the right types on recovery.
 */
@InternalApi
public record InstanceSnapshot(
    String workflowType,
    String instanceId,
    int definitionVersion,
    InstanceStatus status,
    String statusReason,
    long sequence,
    long epoch,
    JsonNode state,
    String stateDigest,
    List<Intent> pendingIntents,
    IdempotencyWindow idempotency,
    LeaseFence fence)
    implements EngineSerializable {}
