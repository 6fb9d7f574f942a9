package io.onex.engine.core.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentPriority;
import java.time.Instant;

/**
 * An intent that awaits its outcome, as callers see it: what it is, and how its execution goes
 * (attempts made so far on this node, when the next attempt is due, the last error).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingIntentView(
    String intentId,
    String type,
    String target,
    IntentPriority priority,
    String idempotencyKey,
    int attempts,
    Instant nextAttemptAt,
    String lastError) {

  /** The view of {@code intent} with its progress so far. */
  public static PendingIntentView of(
      Intent intent, int attempts, Instant nextAttemptAt, String lastError) {
    return new PendingIntentView(
        intent.intentId(),
        intent.type(),
        intent.target(),
        intent.priority(),
        intent.idempotencyKey(),
        attempts,
        nextAttemptAt,
        lastError);
  }
}
