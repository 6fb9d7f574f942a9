package io.onex.engine.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;

/** Parses the samples' JSON Schemas, written as text blocks beside the types they describe. */
public final class JsonSchemas {

  /** An object with no properties: the schema of actions that carry no data. */
  public static final String NO_PAYLOAD =
      """
      {"type": "object", "additionalProperties": false}
      """;

  /** An object with a required, non-empty {@code reason}: cancelling or abandoning. */
  public static final String REASON_ONLY =
      """
      {"type": "object",
       "properties": {"reason": {"type": "string", "minLength": 1, "maxLength": 500}},
       "required": ["reason"], "additionalProperties": false}
      """;

  private JsonSchemas() {}

  /** The schema in {@code json}; throws {@link IllegalArgumentException} if it is not JSON. */
  public static JsonNode parse(String json) {
    try {
      return EngineJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid JSON Schema: " + e.getOriginalMessage(), e);
    }
  }
}
