package io.onex.engine.orchestrator.internal;

import io.onex.engine.cluster.EngineOperations;
import io.onex.engine.cluster.StartCheck;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.error.DependencyUnavailableException;
import io.onex.engine.orchestrator.StepSpec;
import java.util.Map;

/**
 * Seed 001's dependency validation, run before a spec instance starts: every handler its steps and
 * compensations use is registered on this node, no target's circuit breaker is open, and every
 * child workflow type is known. The first that is missing refuses the start, by name.
 */
@InternalApi
public final class DependencyCheck implements StartCheck {

  private final SpecInstalls installs;
  private final EngineOperations operations;
  private final WorkflowRegistry registry;

  public DependencyCheck(
      SpecInstalls installs, EngineOperations operations, WorkflowRegistry registry) {
    this.installs = installs;
    this.operations = operations;
    this.registry = registry;
  }

  @Override
  public void check(WorkflowDefinition<?, ?> definition, String instanceId) {
    installs
        .spec(definition.type(), definition.version())
        .ifPresent(spec -> check(definition.type(), spec));
  }

  private void check(String type, CompiledSpec spec) {
    Map<String, String> breakers = operations.circuitBreakers();
    for (CompiledSpec.Step step : spec.steps().values()) {
      StepSpec s = step.spec();
      if (s.kind() == StepSpec.Kind.INTENT) {
        requireHandler(type, s.handler(), step.name());
        requireClosed(type, breakers, s.handler(), s.target(), step.name());
      }
      if (s.compensation() != null) {
        requireHandler(type, s.compensation().handler(), step.name() + " (compensation)");
        requireClosed(
            type, breakers, s.compensation().handler(), s.compensation().target(), step.name());
      }
      if (s.kind() == StepSpec.Kind.WORKFLOW) {
        requireHandler(type, CompiledSpec.WORKFLOW_HANDLER, step.name());
        if (!registry.contains(s.workflow())) {
          throw new DependencyUnavailableException(
              type,
              "workflow:" + s.workflow(),
              "step '"
                  + step.name()
                  + "' starts child workflow type '"
                  + s.workflow()
                  + "', which is not registered");
        }
      }
    }
  }

  private void requireHandler(String type, String handler, String step) {
    if (operations.handlers().find(handler).isEmpty()) {
      throw new DependencyUnavailableException(
          type,
          "handler:" + handler,
          "step '"
              + step
              + "' needs effect handler '"
              + handler
              + "', which is not registered on this node");
    }
  }

  private static void requireClosed(
      String type, Map<String, String> breakers, String handler, String target, String step) {
    String key = handler + ":" + target;
    if ("OPEN".equals(breakers.get(key))) {
      throw new DependencyUnavailableException(
          type,
          "breaker:" + key,
          "step '" + step + "' calls " + key + ", whose circuit breaker is open");
    }
  }
}
