package io.onex.engine.core;

/** Where an action stands in its life: issued, being applied, or finished one way or another. */
public enum ActionStatus {
  PENDING,
  IN_PROGRESS,
  COMPLETED,
  FAILED,
  CANCELLED
}
