package io.onex.engine.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The engine's JSON codec: how payloads, states, events and API bodies are written and read
 * (Jackson, with Java time as ISO-8601 text and {@code Optional} support). Use it to turn records
 * into payloads and back so that they read exactly as the engine stores them. The mappers are
 * configured once and thread-safe; do not reconfigure them.
 */
public final class EngineJson {

  private static final ObjectMapper MAPPER = builder().build();

  // Digests must not depend on property or map insertion order.
  private static final ObjectMapper CANONICAL =
      builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
          .build();

  private static JsonMapper.Builder builder() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  private EngineJson() {}

  /** The mapper for payloads, state and API bodies. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A mapper that writes object properties sorted by name, for digests. */
  public static ObjectMapper canonical() {
    return CANONICAL;
  }

  /**
   * {@code value} (a record, a map, a {@link JsonNode}) as JSON; {@code null} stays {@code null}.
   */
  public static JsonNode toJson(Object value) {
    if (value == null || value instanceof JsonNode) {
      return (JsonNode) value;
    }
    return MAPPER.valueToTree(value);
  }

  /**
   * {@code json} decoded into {@code type}; throws {@link IllegalArgumentException} naming the type
   * when it does not fit.
   */
  public static <T> T fromJson(JsonNode json, Class<T> type) {
    try {
      return MAPPER.treeToValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Expected JSON that decodes to " + type.getSimpleName() + ": " + e.getOriginalMessage(),
          e);
    }
  }

  /** {@code json} parsed; throws {@link UncheckedIOException} when it is not JSON. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
