package io.onex.engine.persistence.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.error.InvalidPayloadException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates start inputs and action payloads against their definitions' JSON Schemas (draft
 * 2020-12). Schemas are compiled once per definition. Thread-safe.
 */
@InternalApi
public final class PayloadSchemas {

  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<JsonNode, Schema> compiled = new ConcurrentHashMap<>();

  /** Throws {@link InvalidPayloadException} naming the first offending field of a start input. */
  public void validateStart(WorkflowDefinition<?, ?> definition, JsonNode input) {
    validate(definition.start().schema(), orEmpty(input), "start input");
  }

  /** Throws {@link InvalidPayloadException} naming the first offending field of a payload. */
  public void validateAction(WorkflowDefinition<?, ?> definition, String action, JsonNode payload) {
    definition
        .action(action)
        .ifPresent(
            spec ->
                validate(spec.schema(), orEmpty(payload), "payload of action '" + action + "'"));
  }

  private void validate(JsonNode schema, JsonNode value, String what) {
    List<Error> errors = compiled.computeIfAbsent(schema, registry::getSchema).validate(value);
    if (!errors.isEmpty()) {
      Error first = errors.get(0);
      throw new InvalidPayloadException(what, pointer(first), first.getMessage());
    }
  }

  private static String pointer(Error error) {
    StringBuilder pointer = new StringBuilder();
    NodePath path = error.getInstanceLocation();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(path.getElement(i));
    }
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      pointer.append('/').append(error.getProperty());
    }
    return pointer.toString();
  }

  private static JsonNode orEmpty(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode()
        ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        : value;
  }
}
