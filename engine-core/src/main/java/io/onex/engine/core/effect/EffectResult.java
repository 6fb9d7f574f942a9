package io.onex.engine.core.effect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** What an effect produced, handed to the reducer in {@code IntentSucceeded}. */
public record EffectResult(JsonNode value) {

  public EffectResult {
    value = value == null ? NullNode.getInstance() : value;
  }

  public static EffectResult of(JsonNode value) {
    return new EffectResult(value);
  }
}
