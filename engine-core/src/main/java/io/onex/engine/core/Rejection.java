package io.onex.engine.core;

import java.util.Objects;

/**
 * Why a reducer refused an action: a stable, machine-readable {@code reason} (for example {@code
 * order-empty}) and a sentence for people that says what was expected and why not.
 */
public record Rejection(String reason, String message) {

  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
