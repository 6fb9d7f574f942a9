package io.onex.engine.core.machine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.error.InvalidPayloadException;
import io.onex.engine.core.json.EngineJson;
import java.util.stream.Collectors;

/** Decodes JSON payloads into their Java types, naming the field that does not fit. Stateless. */
final class Payloads {

  private Payloads() {}

  /**
   * {@code payload} (null or missing: an empty object) as {@code type}; throws {@link
   * InvalidPayloadException} naming {@code what} and the JSON pointer of the offending field.
   */
  static <T> T decode(JsonNode payload, Class<T> type, String what) {
    JsonNode node =
        payload == null || payload.isNull() || payload.isMissingNode()
            ? EngineJson.mapper().createObjectNode()
            : payload;
    try {
      return EngineJson.mapper().treeToValue(node, type);
    } catch (JsonMappingException e) {
      String pointer =
          e.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null
                          ? ref.getFieldName()
                          : String.valueOf(ref.getIndex()))
              .map(name -> "/" + name)
              .collect(Collectors.joining());
      Throwable root = e.getCause() != null ? e.getCause() : e;
      String detail = root == e ? e.getOriginalMessage() : root.getMessage();
      throw new InvalidPayloadException(what, pointer, detail);
    } catch (JsonProcessingException e) {
      throw new InvalidPayloadException(what, "", e.getOriginalMessage());
    }
  }
}
