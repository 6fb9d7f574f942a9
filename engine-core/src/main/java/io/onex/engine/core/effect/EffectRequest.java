package io.onex.engine.core.effect;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Intent;

/**
 * One attempt at an intent: the intent as journaled, the instance that emitted it, and the number
 * of this attempt (from 1).
 */
public record EffectRequest(String workflowType, String instanceId, Intent intent, int attempt) {

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
