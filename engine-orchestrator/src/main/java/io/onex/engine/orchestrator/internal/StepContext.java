package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.orchestrator.OrchestrationState;
import io.onex.engine.orchestrator.internal.CompiledSpec.Step;

/** The document a step's expressions and condition read. Stateless. */
final class StepContext {

  private StepContext() {}

  /**
   * The document a step's expressions and condition read: the start input, the instance, every
   * step's status and result, the step's triggering event; in a pipeline's output the chunk results
   * in order.
   */
  static JsonNode of(OrchestrationState state, ReduceContext context, Step step) {
    ObjectNode root = EngineJson.mapper().createObjectNode();
    root.set("input", state.input());
    root.putObject("instance")
        .put("id", context.instanceId())
        .put("type", context.workflowType())
        .put("version", context.definitionVersion());
    ObjectNode steps = root.putObject("steps");
    state
        .steps()
        .forEach(
            (name, s) -> {
              ObjectNode node = steps.putObject(name);
              node.put("status", s.status().name());
              node.set("result", s.result() == null ? NullNode.getInstance() : s.result());
              node.put("attempts", s.attempts());
              if (s.error() != null) {
                node.put("error", s.error());
              }
            });
    if (step != null && state.steps().get(step.name()).event() != null) {
      root.set("event", state.steps().get(step.name()).event());
    }
    if (state.pipeline() != null) {
      ArrayNode results = root.putArray("results");
      for (int i = 0; i < state.pipeline().chunkCount(); i++) {
        JsonNode r = state.pipeline().results().get(Integer.toString(i));
        results.add(r == null ? NullNode.getInstance() : r);
      }
    }
    return root;
  }
}
