package io.onex.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The payload of a {@link Intent#TIMER} intent: apply action {@code action} with {@code payload} to
 * the instance at {@code fireAt}.
 */
public record TimerRequest(Instant fireAt, String action, JsonNode payload) {

  public TimerRequest {
    Objects.requireNonNull(fireAt, "fireAt");
    Objects.requireNonNull(action, "action");
  }
}
