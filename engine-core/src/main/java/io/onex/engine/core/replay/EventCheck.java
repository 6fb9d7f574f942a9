package io.onex.engine.core.replay;

/**
 * How one recorded event fared when replayed against another definition version: whether the
 * version accepted its action, reached the recorded state digest, and emitted the same intents.
 */
public record EventCheck(
    long sequence, String actionType, boolean accepted, boolean sameState, boolean sameIntents) {

  /** Whether the version fully agrees with this event. */
  public boolean agrees() {
    return accepted && sameState && sameIntents;
  }
}
