package io.onex.engine.orchestrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.error.FieldViolation;
import io.onex.engine.core.error.InvalidSpecException;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.orchestrator.internal.CompiledSpec;
import io.onex.engine.orchestrator.internal.SpecReducer;
import io.onex.engine.orchestrator.internal.SpecValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Reading, checking and running workflow specs: the published JSON Schema of the spec document,
 * parsing JSON or YAML, validation with a JSON pointer for every violation, and the {@link
 * WorkflowDefinition} that runs a spec on the built-in orchestrating reducer. Stateless and
 * thread-safe.
 */
public final class WorkflowSpecs {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonNode SCHEMA = loadSchema();
  private static final SpecValidator VALIDATOR = new SpecValidator(SCHEMA);

  private WorkflowSpecs() {}

  /** The JSON Schema (draft 2020-12) every spec document must match. */
  public static JsonNode schema() {
    return SCHEMA.deepCopy();
  }

  /**
   * The document {@code text} holds, as JSON or YAML (a text beginning with <code>{</code> is read
   * as JSON); throws {@link InvalidSpecException} when it is neither.
   */
  public static JsonNode read(String text) {
    String trimmed = text == null ? "" : text.strip();
    try {
      JsonNode document =
          trimmed.startsWith("{") ? EngineJson.mapper().readTree(trimmed) : YAML.readTree(trimmed);
      if (document == null || !document.isObject()) {
        throw new InvalidSpecException(
            "the submitted document",
            List.of(new FieldViolation("", "expected a JSON or YAML object")));
      }
      return document;
    } catch (JsonProcessingException e) {
      throw new InvalidSpecException(
          "the submitted document",
          List.of(new FieldViolation("", "not valid JSON or YAML: " + e.getOriginalMessage())));
    }
  }

  /**
   * The spec {@code document} describes, checked against the schema and for consistency; {@code
   * handlers} are the effect handler types that steps may use. Throws {@link InvalidSpecException}
   * listing every violation.
   */
  public static WorkflowSpec validate(JsonNode document, Set<String> handlers) {
    WorkflowSpec spec = VALIDATOR.validate(document, handlers);
    try {
      definition(spec);
    } catch (RuntimeException e) {
      throw new InvalidSpecException(
          "workflow type '" + spec.type() + "' version " + spec.version(),
          List.of(new FieldViolation("", e.getMessage())));
    }
    return spec;
  }

  /**
   * The definition that runs {@code spec}: its state is an {@link OrchestrationState}, its actions
   * are {@code Cancel} ({@code {"reason"}}), {@code StepDue} (fired by timers) and the actions its
   * wait and event-driven steps await, each with the payload schema the spec gives.
   */
  public static WorkflowDefinition<OrchestrationState, JsonNode> definition(WorkflowSpec spec) {
    CompiledSpec compiled = new CompiledSpec(spec);
    SpecReducer reducer = new SpecReducer(compiled);
    ObjectNode anyObject = EngineJson.mapper().createObjectNode().put("type", "object");
    WorkflowDefinition.Builder<OrchestrationState, JsonNode> builder =
        WorkflowDefinition.<OrchestrationState, JsonNode>builder(spec.type(), spec.version())
            .description(spec.description() == null ? "" : spec.description())
            .state(OrchestrationState.class, anyObject)
            .start(
                JsonNode.class,
                spec.input() == null ? anyObject : spec.input(),
                (input, context) -> reducer.initialState(input))
            .reducer(reducer);
    ObjectNode cancel = anyObject.deepCopy();
    cancel.putObject("properties").putObject("reason").put("type", "string");
    builder.action(CompiledSpec.CANCEL, JsonNode.class, cancel);
    ObjectNode due = anyObject.deepCopy();
    due.putArray("required").add("step");
    builder.action(CompiledSpec.STEP_DUE, JsonNode.class, due);
    for (StepSpec step : spec.steps()) {
      if (step.waitFor() != null) {
        builder.action(step.waitFor().action(), JsonNode.class, schemaOr(step.waitFor().schema()));
      }
      if (step.on() != null) {
        builder.action(step.on().action(), JsonNode.class, schemaOr(step.on().schema()));
      }
    }
    return builder.build();
  }

  private static JsonNode schemaOr(JsonNode schema) {
    return schema == null ? EngineJson.mapper().createObjectNode() : schema;
  }

  private static JsonNode loadSchema() {
    try (InputStream in = WorkflowSpecs.class.getResourceAsStream("workflow-spec.schema.json")) {
      return EngineJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("The workflow spec schema is missing from the jar", e);
    }
  }
}
