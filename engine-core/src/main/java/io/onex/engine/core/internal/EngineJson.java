package io.onex.engine.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The engine's JSON mappers, configured once; Jackson mappers are thread-safe once built. */
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
}
