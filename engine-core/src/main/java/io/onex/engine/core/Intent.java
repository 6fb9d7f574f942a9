package io.onex.engine.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A side effect the reducer asks for (the ONEX ModelIntent): the reducer says <em>what</em> should
 * happen, an effect handler of {@link #type()} decides <em>how</em>. Intents are journaled inside
 * the event that produced them, so none is lost; the handler receives {@link #idempotencyKey()} so
 * that a repeated delivery has no second effect.
 *
 * <p>Immutable. Reducers create intents through {@link ReduceContext#intent(String, String)}, which
 * derives the id and the default idempotency key from the action being applied, so replay yields
 * identical intents.
 *
 * @param intentId unique, deterministic id of this intent
 * @param type the kind of effect, which selects the handler (for example {@code http})
 * @param target the service, endpoint, table or resource the effect addresses
 * @param payload the data the handler needs, as JSON
 * @param priority execution priority
 * @param retryPolicy how a failed execution is retried
 * @param idempotencyKey the key the handler passes on so a repeat has no second effect
 * @param causationId id of the event that produced this intent
 * @param correlationId id of the flow's origin
 * @param correlationChain ids from the origin down to this intent, inclusive: the chain of the
 *     action that emitted it (ending with that action's id), the event's id, the intent's id
 * @param metadata free-form string metadata for the handler
 */
public record Intent(
    String intentId,
    String type,
    String target,
    JsonNode payload,
    IntentPriority priority,
    RetryPolicy retryPolicy,
    String idempotencyKey,
    String causationId,
    String correlationId,
    List<String> correlationChain,
    Map<String, String> metadata) {

  /**
   * The intent type of durable timers: the instance itself applies the action described by the
   * payload ({@link TimerRequest}) once its time has come, also after a restart.
   */
  public static final String TIMER = "timer";

  /**
   * The id of the action whose event emitted this intent, read from the correlation chain; {@code
   * null} for an intent built without one.
   */
  @JsonIgnore
  public String emittingActionId() {
    return correlationChain.size() >= 3 ? correlationChain.get(correlationChain.size() - 3) : null;
  }

  public Intent {
    Objects.requireNonNull(intentId, "intentId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    payload = payload == null ? NullNode.getInstance() : payload;
    priority = priority == null ? IntentPriority.NORMAL : priority;
    retryPolicy = retryPolicy == null ? RetryPolicy.DEFAULT : retryPolicy;
    idempotencyKey = idempotencyKey == null ? intentId : idempotencyKey;
    correlationChain = correlationChain == null ? List.of(intentId) : List.copyOf(correlationChain);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
