package io.onex.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.onex.engine.core.json.EngineJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What became of an intent, reported back to the instance that emitted it as an action of type
 * {@link #SUCCEEDED} or {@link #FAILED} whose causation is the intent. The reducer sees it in
 * {@link Reducer#onOutcome} and decides what follows: the next step, a compensation, or failure.
 */
public sealed interface IntentOutcome permits IntentOutcome.Succeeded, IntentOutcome.Failed {

  /** The action type that reports a successful intent. */
  String SUCCEEDED = "IntentSucceeded";

  /** The action type that reports an intent that failed for good. */
  String FAILED = "IntentFailed";

  /** The intent this outcome is about. */
  String intentId();

  /**
   * The action that reports this outcome of {@code intent} to its instance, issued {@code at}:
   * caused by the intent, extending its correlation chain, with an id derived from the intent so
   * that a repeated report is the same action (and is recognised as such).
   */
  default Action reportOf(Intent intent, Instant at) {
    String type = this instanceof Succeeded ? SUCCEEDED : FAILED;
    String actionId =
        UUID.nameUUIDFromBytes((intent.intentId() + "/outcome").getBytes(StandardCharsets.UTF_8))
            .toString();
    return Action.builder(type)
        .actionId(actionId)
        .payload(EngineJson.mapper().valueToTree(this))
        .correlationId(intent.correlationId())
        .causationId(intent.intentId())
        .correlationChain(intent.correlationChain())
        .parentActionId(intent.emittingActionId())
        .issuedAt(at)
        .build();
  }

  /** Whether {@code actionType} is one of the two outcome action types. */
  static boolean isOutcome(String actionType) {
    return SUCCEEDED.equals(actionType) || FAILED.equals(actionType);
  }

  /**
   * The intent was carried out; {@code result} is what its handler returned, at attempt {@code
   * attempts} (0 where unknown: reports written before the engine recorded it, or an operator's
   * skip).
   */
  record Succeeded(String intentId, JsonNode result, int attempts) implements IntentOutcome {

    public Succeeded {
      Objects.requireNonNull(intentId, "intentId");
      result = result == null ? NullNode.getInstance() : result;
    }

    /** A success whose attempt count is not known. */
    public Succeeded(String intentId, JsonNode result) {
      this(intentId, result, 0);
    }
  }

  /**
   * The intent could not be carried out after {@code attempts} attempts, or the handler refused it
   * for good; {@code error} says why.
   */
  record Failed(String intentId, String error, int attempts) implements IntentOutcome {

    public Failed {
      Objects.requireNonNull(intentId, "intentId");
      Objects.requireNonNull(error, "error");
    }
  }
}
