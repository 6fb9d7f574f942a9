package io.onex.engine.core.effect;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Intent;

/**
 * One attempt at an intent: the intent as journaled, the instance that emitted it, the number of
 * this attempt (from 1), and the W3C {@code traceparent} of the attempt's span, which a handler
 * that calls a service passes on ({@code null} when the attempt is not traced).
 */
public record EffectRequest(
    String workflowType, String instanceId, Intent intent, int attempt, String traceparent) {

  /** An attempt outside any trace. */
  public EffectRequest(String workflowType, String instanceId, Intent intent, int attempt) {
    this(workflowType, instanceId, intent, attempt, null);
  }

  public String target() {
    return intent.target();
  }

  public JsonNode payload() {
    return intent.payload();
  }

  /** The key that makes a repeated delivery of this intent harmless. */
  public String idempotencyKey() {
    return intent.idempotencyKey();
  }

  public String correlationId() {
    return intent.correlationId();
  }
}
