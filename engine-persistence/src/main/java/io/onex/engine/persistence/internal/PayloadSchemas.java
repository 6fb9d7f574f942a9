package io.onex.engine.persistence.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.error.InvalidPayloadException;
import io.onex.engine.core.error.InvalidStateException;
import io.onex.engine.persistence.SchemaErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * Throws {@link InvalidStateException} naming the first offending field when {@code state}, the
   * state the reducer produced for {@code action}, does not match the definition's state schema.
   */
  public void validateState(WorkflowDefinition<?, ?> definition, String action, JsonNode state) {
    firstError(definition.stateSchema(), state)
        .ifPresent(
            error -> {
              throw new InvalidStateException(
                  definition.type(),
                  definition.version(),
                  action,
                  SchemaErrors.pointer(error),
                  error.getMessage());
            });
  }

  private void validate(JsonNode schema, JsonNode value, String what) {
    firstError(schema, value)
        .ifPresent(
            error -> {
              throw new InvalidPayloadException(
                  what, SchemaErrors.pointer(error), error.getMessage());
            });
  }

  private Optional<Error> firstError(JsonNode schema, JsonNode value) {
    List<Error> errors = compiled.computeIfAbsent(schema, registry::getSchema).validate(value);
    return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0));
  }

  private static JsonNode orEmpty(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode()
        ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        : value;
  }
}
