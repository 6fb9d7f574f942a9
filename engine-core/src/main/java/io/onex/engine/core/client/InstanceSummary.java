package io.onex.engine.core.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.onex.engine.core.InstanceStatus;
import java.time.Instant;
import java.util.Map;

/**
 * One instance as the instance index records it, as of its latest indexed event: what an operator
 * needs to find it, without asking the instance itself. The index trails the journal by its lag
 * (seconds at most in a healthy node), so a very recent event may not show yet.
 *
 * @param type the workflow type
 * @param instanceId the instance's id
 * @param status its status after its latest event
 * @param version the definition version it is pinned to
 * @param startedAt when its start event happened
 * @param updatedAt when its latest event happened
 * @param lastSequence the sequence number of its latest event
 * @param correlationId the id of the flow that started it
 * @param pendingIntents how many intents and timers it awaits
 * @param failureReason why it failed or was cancelled; null otherwise
 * @param searchAttributes its search attributes' values, by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceSummary(
    String type,
    String instanceId,
    InstanceStatus status,
    int version,
    Instant startedAt,
    Instant updatedAt,
    long lastSequence,
    String correlationId,
    int pendingIntents,
    String failureReason,
    Map<String, String> searchAttributes) {

  public InstanceSummary {
    searchAttributes = searchAttributes == null ? Map.of() : Map.copyOf(searchAttributes);
  }

  /** The same instance with {@code attributes} as its search attributes. */
  public InstanceSummary withSearchAttributes(Map<String, String> attributes) {
    return new InstanceSummary(
        type,
        instanceId,
        status,
        version,
        startedAt,
        updatedAt,
        lastSequence,
        correlationId,
        pendingIntents,
        failureReason,
        attributes);
  }
}
