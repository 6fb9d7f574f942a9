package io.onex.engine.core.effect;

import java.util.Map;

/** What a handler does, and its non-secret settings, as shown to operators. */
public record HandlerDescription(
    String handlerType, String description, Map<String, String> settings) {

  public HandlerDescription {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
