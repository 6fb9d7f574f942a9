package io.onex.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything a reducer may know besides the state and the action: which instance it is, the
 * sequence number the resulting event will carry, the action's envelope and its time, and a way to
 * create intents with deterministic ids.
 *
 * <p>Every value is derived from the action being applied, never from the clock or a random source,
 * so replay sees exactly what live processing saw. A context belongs to one reducer call and is not
 * thread-safe.
 */
public interface ReduceContext {

  /** The workflow type of the instance. */
  String workflowType();

  /** The instance's id. */
  String instanceId();

  /** The definition version the instance is pinned to. */
  int definitionVersion();

  /** The sequence number the event produced by this call will have (1 for the start). */
  long sequence();

  /** The instance's current epoch. */
  long epoch();

  /** The action being applied, with its ids, correlation and metadata. */
  Action action();

  /** The instance's notion of "now": the time the action was issued. */
  default Instant now() {
    return action().issuedAt();
  }

  /**
   * Starts an intent of {@code type} (which selects the effect handler) addressed to {@code
   * target}. Its id, default idempotency key, causation and correlation are derived from this call,
   * so the same action always yields the same intents.
   */
  IntentBuilder intent(String type, String target);

  /**
   * A durable timer: asks for action {@code actionType} with {@code payload} to be applied to this
   * instance at {@code fireAt}. It is journaled like any intent, survives restarts and fires once;
   * the fired action's causation is the timer intent.
   */
  Intent timer(Instant fireAt, String actionType, Object payload);

  /** A durable timer firing {@code delay} after this action was issued. */
  default Intent timerAfter(Duration delay, String actionType, Object payload) {
    return timer(now().plus(delay), actionType, payload);
  }

  /** Converts a value (a record, a map) to JSON with the engine's mapper, for intent payloads. */
  JsonNode toJson(Object value);
}
