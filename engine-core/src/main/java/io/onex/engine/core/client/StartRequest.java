package io.onex.engine.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Action;
import io.onex.engine.core.json.EngineJson;
import java.time.Instant;
import java.util.Map;

/**
 * A request to start a workflow instance.
 *
 * @param instanceId the new instance's id, or {@code null} to have one generated
 * @param input the start input, validated against the definition's start schema
 * @param correlationId the flow this start belongs to, or {@code null} to begin a new one
 * @param leaseId the lease on the new instance, required when its definition requires one
 * @param fencingToken the fencing token granted with that lease, or {@code null}
 * @param idempotencyKey makes a repeated start harmless: it gets the original answer, or {@code
 *     null}
 * @param metadata free-form metadata recorded with the start action
 * @param causationId what caused this start (for a child workflow, the parent's intent), or {@code
 *     null}: the start action itself
 * @param parentActionId for a child workflow, the parent's action whose event asked for it, or
 *     {@code null}
 */
public record StartRequest(
    String instanceId,
    JsonNode input,
    String correlationId,
    String leaseId,
    Long fencingToken,
    String idempotencyKey,
    Map<String, String> metadata,
    String causationId,
    String parentActionId) {

  public StartRequest {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** A request caused by nothing but its caller. */
  public StartRequest(
      String instanceId,
      JsonNode input,
      String correlationId,
      String leaseId,
      Long fencingToken,
      String idempotencyKey,
      Map<String, String> metadata) {
    this(
        instanceId,
        input,
        correlationId,
        leaseId,
        fencingToken,
        idempotencyKey,
        metadata,
        null,
        null);
  }

  /** The start action this request stands for, issued at {@code now}. */
  public Action toAction(Instant now) {
    return Action.builder(Action.START)
        .payload(input)
        .correlationId(correlationId)
        .leaseId(leaseId)
        .fencingToken(fencingToken)
        .idempotencyKey(idempotencyKey)
        .metadata(metadata)
        .causationId(causationId)
        .parentActionId(parentActionId)
        .issuedAt(now)
        .build();
  }

  /** Starts instance {@code instanceId} (or a generated one when null) with {@code input}. */
  public static StartRequest of(String instanceId, JsonNode input) {
    return new StartRequest(instanceId, input, null, null, null, null, Map.of());
  }

  /**
   * Starts instance {@code instanceId} (or a generated one when null) with {@code input}, a record
   * or map converted to JSON by the engine's codec ({@link EngineJson}); {@code null} for none.
   */
  public static StartRequest of(String instanceId, Object input) {
    return of(instanceId, EngineJson.toJson(input));
  }

  /** The same request carrying {@code idempotencyKey}: a repeat gets the original answer. */
  public StartRequest withIdempotencyKey(String idempotencyKey) {
    return new StartRequest(
        instanceId,
        input,
        correlationId,
        leaseId,
        fencingToken,
        idempotencyKey,
        metadata,
        causationId,
        parentActionId);
  }

  /**
   * The same request caused by {@code causationId} within flow {@code correlationId}, on behalf of
   * action {@code parentActionId}: how a parent workflow starts a child.
   */
  public StartRequest causedBy(String correlationId, String causationId, String parentActionId) {
    return new StartRequest(
        instanceId,
        input,
        correlationId,
        leaseId,
        fencingToken,
        idempotencyKey,
        metadata,
        causationId,
        parentActionId);
  }

  /** The same request made under lease {@code leaseId} with its {@code fencingToken}. */
  public StartRequest withLease(String leaseId, long fencingToken) {
    return new StartRequest(
        instanceId,
        input,
        correlationId,
        leaseId,
        fencingToken,
        idempotencyKey,
        metadata,
        causationId,
        parentActionId);
  }
}
