package io.onex.engine.core.machine;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.WorkflowDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a definition's search attributes out of a state's JSON. Stateless. */
final class SearchAttributes {

  private SearchAttributes() {}

  /**
   * The values of {@code definition}'s search attributes in {@code stateJson}, by name: a missing
   * or null value is left out, an object or array is its JSON text.
   */
  static Map<String, String> of(WorkflowDefinition<?, ?> definition, JsonNode stateJson) {
    if (definition.searchAttributes().isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    definition
        .searchAttributes()
        .forEach(
            (name, pointer) -> {
              JsonNode value = stateJson.at(pointer);
              if (!value.isMissingNode() && !value.isNull()) {
                values.put(name, value.isValueNode() ? value.asText() : value.toString());
              }
            });
    return values;
  }
}
