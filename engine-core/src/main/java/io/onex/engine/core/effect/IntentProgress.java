package io.onex.engine.core.effect;

import java.time.Instant;
import java.util.Objects;

/**
 * How the execution of a pending intent goes, between its attempts: how many attempts failed so
 * far, when the next one is due, and why the last one failed. Reported by the executor to the
 * instance, which shows it in its view; not journaled (a restarted executor starts counting anew).
 *
 * @param intentId the intent
 * @param attempts attempts made so far
 * @param nextAttemptAt when the next attempt is due, or {@code null} when none is scheduled
 * @param lastError why the last attempt failed, or {@code null}
 */
public record IntentProgress(
    String intentId, int attempts, Instant nextAttemptAt, String lastError) {

  public IntentProgress {
    Objects.requireNonNull(intentId, "intentId");
  }
}
