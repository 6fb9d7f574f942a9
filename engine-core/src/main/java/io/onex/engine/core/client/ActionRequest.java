package io.onex.engine.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Action;
import io.onex.engine.core.json.EngineJson;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request to apply an action to a workflow instance. Only {@code type} is required.
 *
 * @param type the action's name in the instance's workflow definition
 * @param payload the action's data, validated against the action's JSON Schema
 * @param correlationId the flow the action belongs to, or {@code null} to begin a new one
 * @param leaseId the lease entitling the caller to write, or {@code null}
 * @param fencingToken the fencing token granted with that lease, or {@code null}
 * @param expectedEpoch the instance epoch the caller expects, or {@code null}
 * @param expiresAt the instant after which the action must not be applied, or {@code null}
 * @param idempotencyKey makes a repeated request harmless: it gets the original answer, or {@code
 *     null}
 * @param metadata free-form metadata recorded with the action
 */
public record ActionRequest(
    String type,
    JsonNode payload,
    String correlationId,
    String leaseId,
    Long fencingToken,
    Long expectedEpoch,
    Instant expiresAt,
    String idempotencyKey,
    Map<String, String> metadata) {

  public ActionRequest {
    Objects.requireNonNull(type, "type");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** The action this request stands for, issued at {@code now}. */
  public Action toAction(Instant now) {
    return Action.builder(type)
        .payload(payload)
        .correlationId(correlationId)
        .leaseId(leaseId)
        .fencingToken(fencingToken)
        .epoch(expectedEpoch)
        .expiresAt(expiresAt)
        .idempotencyKey(idempotencyKey)
        .metadata(metadata)
        .issuedAt(now)
        .build();
  }

  /** An action of {@code type} with {@code payload} and nothing else. */
  public static ActionRequest of(String type, JsonNode payload) {
    return new ActionRequest(type, payload, null, null, null, null, null, null, Map.of());
  }

  /**
   * An action of {@code type} whose payload is {@code payload}, a record or map converted to JSON
   * by the engine's codec ({@link EngineJson}); {@code null} for none.
   */
  public static ActionRequest of(String type, Object payload) {
    return of(type, EngineJson.toJson(payload));
  }

  /** The same request, refused unless the instance is at {@code epoch}. */
  public ActionRequest expectingEpoch(long epoch) {
    return new ActionRequest(
        type,
        payload,
        correlationId,
        leaseId,
        fencingToken,
        epoch,
        expiresAt,
        idempotencyKey,
        metadata);
  }

  /** The same request carrying {@code idempotencyKey}: a repeat gets the original answer. */
  public ActionRequest withIdempotencyKey(String idempotencyKey) {
    return new ActionRequest(
        type,
        payload,
        correlationId,
        leaseId,
        fencingToken,
        expectedEpoch,
        expiresAt,
        idempotencyKey,
        metadata);
  }

  /** The same request within the flow {@code correlationId}. */
  public ActionRequest withCorrelationId(String correlationId) {
    return new ActionRequest(
        type,
        payload,
        correlationId,
        leaseId,
        fencingToken,
        expectedEpoch,
        expiresAt,
        idempotencyKey,
        metadata);
  }

  /** The same request issued under lease {@code leaseId} with its {@code fencingToken}. */
  public ActionRequest withLease(String leaseId, long fencingToken) {
    return new ActionRequest(
        type,
        payload,
        correlationId,
        leaseId,
        fencingToken,
        expectedEpoch,
        expiresAt,
        idempotencyKey,
        metadata);
  }
}
