package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.OperatorActions;
import io.onex.engine.orchestrator.StepSpec;
import io.onex.engine.orchestrator.WorkflowSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The checks of the actions a spec's wait and event-driven steps await: no engine name, none
 * awaited twice, payload schemas that compile. Each violation goes to {@code violation} with its
 * JSON pointer. Stateless.
 */
final class ActionNames {

  private static final Set<String> RESERVED =
      Set.of(
          CompiledSpec.CANCEL,
          CompiledSpec.STEP_DUE,
          IntentOutcome.SUCCEEDED,
          IntentOutcome.FAILED);

  private ActionNames() {}

  static void check(WorkflowSpec spec, BiConsumer<String, String> violation) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < spec.steps().size(); i++) {
      StepSpec step = spec.steps().get(i);
      if (step.waitFor() != null) {
        check(
            step.waitFor().action(),
            step.waitFor().schema(),
            "/steps/" + i + "/wait",
            seen,
            violation);
      }
      if (step.on() != null) {
        check(step.on().action(), step.on().schema(), "/steps/" + i + "/on", seen, violation);
      }
    }
  }

  /** Reports at {@code at} a {@code schema} that is not a valid JSON Schema; null is none. */
  static void checkSchema(JsonNode schema, String at, BiConsumer<String, String> violation) {
    if (schema == null) {
      return;
    }
    try {
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
    } catch (RuntimeException e) {
      violation.accept(at, "invalid JSON Schema: " + e.getMessage());
    }
  }

  private static void check(
      String action,
      JsonNode schema,
      String at,
      Map<String, String> seen,
      BiConsumer<String, String> violation) {
    String pointer = at + "/action";
    if (RESERVED.contains(action) || OperatorActions.isOperator(action)) {
      violation.accept(pointer, "action name '" + action + "' is reserved by the engine");
    } else if (seen.putIfAbsent(action, pointer) != null) {
      violation.accept(
          pointer, "action '" + action + "' is already awaited at " + seen.get(action));
    }
    checkSchema(schema, at + "/schema", violation);
  }
}
