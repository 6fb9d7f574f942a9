package io.onex.engine.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Action;
import io.onex.engine.core.json.EngineJson;
import java.time.Instant;

/** Builds actions for tests, with fixed times so results are reproducible. */
public final class Actions {

  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Actions() {}

  public static Action start(Object input) {
    return Action.builder(Action.START).payload(json(input)).issuedAt(T0).build();
  }

  public static Action action(String type, Object payload) {
    return Action.builder(type).payload(json(payload)).issuedAt(T0).build();
  }

  public static JsonNode json(Object value) {
    return value == null ? null : EngineJson.mapper().valueToTree(value);
  }
}
