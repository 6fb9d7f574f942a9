package io.onex.engine.core;

/**
 * The engine's view of a workflow instance's life. {@link #PENDING} until the first action is
 * applied after the start, {@link #RUNNING} afterwards, and then one of the three final statuses,
 * after which the instance accepts no further action. {@link #DIVERGED} is set by the engine, never
 * by a reducer: replaying the instance's history no longer reproduces its recorded state, so it
 * refuses actions until its definition is fixed.
 */
public enum InstanceStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  DIVERGED;

  /** Whether an instance in this status has ended and rejects every further action. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
