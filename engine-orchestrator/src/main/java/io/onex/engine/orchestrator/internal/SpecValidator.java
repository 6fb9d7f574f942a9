package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.error.FieldViolation;
import io.onex.engine.core.error.InvalidSpecException;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.orchestrator.Coordination;
import io.onex.engine.orchestrator.FailurePolicy;
import io.onex.engine.orchestrator.StepSpec;
import io.onex.engine.orchestrator.WorkflowSpec;
import io.onex.engine.persistence.SchemaErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.JexlScript;

/**
 * Checks a spec document: first against the published JSON Schema, then for consistency (unique
 * names, known dependencies without cycles, registered handlers, expressions that read only what
 * exists when the step runs, conditions that compile, settings that fit the coordination). Reports
 * every violation with the JSON pointer of its field. Thread-safe.
 */
@InternalApi
public final class SpecValidator {

  private static final Set<String> ROOTS = Set.of("input", "instance", "steps");
  private static final Set<String> PIPELINE_ROOTS = Set.of("chunk", "chunkIndex", "previous");

  private final com.networknt.schema.Schema schema;

  public SpecValidator(JsonNode schemaDocument) {
    this.schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(schemaDocument);
  }

  /**
   * The spec {@code document} describes; throws {@link InvalidSpecException} listing every
   * violation. {@code handlers} are the effect handler types registered on this node; {@code null}
   * accepts any (a spec another node checked).
   */
  public WorkflowSpec validate(JsonNode document, Set<String> handlers) {
    List<FieldViolation> violations = new ArrayList<>();
    for (Error error : schema.validate(document)) {
      violations.add(new FieldViolation(SchemaErrors.pointer(error), error.getMessage()));
    }
    String what = describe(document);
    if (!violations.isEmpty()) {
      throw new InvalidSpecException(what, violations);
    }
    WorkflowSpec spec;
    try {
      spec = EngineJson.mapper().treeToValue(document, WorkflowSpec.class);
    } catch (Exception e) {
      throw new InvalidSpecException(what, List.of(new FieldViolation("", e.getMessage())));
    }
    new Checks(spec, handlers, violations).run();
    if (!violations.isEmpty()) {
      throw new InvalidSpecException(what, violations);
    }
    return spec;
  }

  private static String describe(JsonNode document) {
    return "workflow type '"
        + document.path("type").asText("?")
        + "' version "
        + document.path("version").asText("?");
  }

  /** The consistency checks of one spec. */
  private static final class Checks {
    private final WorkflowSpec spec;
    private final Set<String> handlers;
    private final List<FieldViolation> out;
    private final Map<String, Integer> index = new HashMap<>();
    private final DependencyGraph graph;
    private boolean dependenciesKnown;

    Checks(WorkflowSpec spec, Set<String> handlers, List<FieldViolation> out) {
      this.graph = new DependencyGraph(spec);
      this.spec = spec;
      this.handlers = handlers;
      this.out = out;
    }

    void run() {
      List<StepSpec> steps = spec.steps();
      for (int i = 0; i < steps.size(); i++) {
        if (index.putIfAbsent(steps.get(i).name(), i) != null) {
          violation(at(i, "name"), "step name '" + steps.get(i).name() + "' is used twice");
        }
      }
      checkPipeline();
      ActionNames.checkSchema(spec.input(), "/input", this::violation);
      for (int i = 0; i < steps.size(); i++) {
        checkKind(i, steps.get(i));
        checkDependencies(i, steps.get(i));
      }
      // with a cycle there is no order to check reads against, only names
      dependenciesKnown = !cyclic();
      {
        for (int i = 0; i < steps.size(); i++) {
          checkExpressions(i, steps.get(i));
        }
        Expressions.forEach(spec.output(), "/output", (e, at) -> checkExpression(e, at, null));
      }
      ActionNames.check(spec, this::violation);
    }

    private void checkPipeline() {
      boolean pipeline = spec.coordination() == Coordination.PIPELINE;
      if (pipeline && spec.pipeline() == null) {
        violation(
            "/pipeline", "a PIPELINE needs pipeline.items: the list to stream through the steps");
      }
      if (!pipeline && spec.pipeline() != null) {
        violation(
            "/pipeline",
            "pipeline is only read by coordination PIPELINE, not " + spec.coordination());
      }
      if (pipeline && spec.pipeline() != null) {
        List<String> head = headOrNull(spec.pipeline().items(), "/pipeline/items");
        if (head != null && !"input".equals(head.get(0))) {
          violation(
              "/pipeline/items", "the pipeline's list must come from the start input (/input/...)");
        }
      }
    }

    private void checkKind(int i, StepSpec step) {
      int kinds =
          (step.handler() != null ? 1 : 0)
              + (step.workflow() != null ? 1 : 0)
              + (step.timer() != null ? 1 : 0)
              + (step.waitFor() != null ? 1 : 0);
      if (kinds != 1) {
        violation(
            at(i, ""),
            "a step must name exactly one of handler, workflow, timer and wait, but names "
                + kinds);
        return;
      }
      if (step.handler() != null) {
        if (handlers != null && !handlers.contains(step.handler())) {
          violation(
              at(i, "handler"),
              "handler '"
                  + step.handler()
                  + "' is not registered on this node; registered: "
                  + sorted(handlers));
        }
        if (step.target() == null) {
          violation(at(i, "target"), "an intent step needs the handler's target");
        }
      } else if (step.target() != null) {
        violation(at(i, "target"), "target is only read by intent steps (with handler)");
      }
      if (step.compensation() != null
          && handlers != null
          && !handlers.contains(step.compensation().handler())) {
        violation(
            at(i, "compensation/handler"),
            "handler '"
                + step.compensation().handler()
                + "' is not registered on this node; registered: "
                + sorted(handlers));
      }
      if (step.onFailure() == FailurePolicy.COMPENSATE
          && spec.coordination() == Coordination.PIPELINE) {
        violation(at(i, "onFailure"), "a PIPELINE step can abort or skip, not compensate");
      }
      if (spec.coordination() == Coordination.PIPELINE && step.kind() != StepSpec.Kind.INTENT) {
        violation(at(i, ""), "every step of a PIPELINE is an intent (handler and target)");
      }
      if (step.on() != null && step.waitFor() != null) {
        violation(at(i, "on"), "a wait step awaits its own action; on is for the other kinds");
      }
      checkMetadata(step.metadata(), at(i, "metadata"));
      if (step.compensation() != null) {
        checkMetadata(step.compensation().metadata(), at(i, "compensation/metadata"));
      }
      if (step.when() != null && spec.coordination() == Coordination.PIPELINE) {
        violation(at(i, "when"), "every chunk passes every step of a PIPELINE; when is not read");
      }
      checkRetry(step.retry(), at(i, "retry"), step.kind() == StepSpec.Kind.WORKFLOW);
      if (step.compensation() != null) {
        checkRetry(step.compensation().retry(), at(i, "compensation/retry"), false);
      }
      if (step.on() != null && spec.coordination() != Coordination.EVENT_DRIVEN) {
        violation(
            at(i, "on"),
            "on is only read by coordination EVENT_DRIVEN, not " + spec.coordination());
      }
    }

    private void checkMetadata(Map<String, String> metadata, String at) {
      metadata.keySet().stream()
          .filter(key -> key.startsWith("onex."))
          .forEach(
              key ->
                  violation(
                      at + "/" + key, "metadata keys beginning with 'onex.' are the engine's"));
    }

    private void checkRetry(StepSpec.Retry retry, String at, boolean child) {
      try {
        CompiledSpec.retryPolicy(retry, child);
      } catch (IllegalArgumentException e) {
        violation(at, e.getMessage());
      }
    }

    private void checkDependencies(int i, StepSpec step) {
      boolean byDependency =
          spec.coordination() == Coordination.PARALLEL
              || spec.coordination() == Coordination.EVENT_DRIVEN;
      if (!byDependency && !step.dependsOn().isEmpty()) {
        violation(
            at(i, "dependsOn"),
            spec.coordination()
                + " runs the steps in the order written; dependsOn needs PARALLEL or EVENT_DRIVEN");
        return;
      }
      for (int d = 0; d < step.dependsOn().size(); d++) {
        String dependency = step.dependsOn().get(d);
        if (!index.containsKey(dependency)) {
          violation(at(i, "dependsOn/" + d), "step '" + dependency + "' does not exist");
        } else if (dependency.equals(step.name())) {
          violation(at(i, "dependsOn/" + d), "step '" + step.name() + "' depends on itself");
        }
      }
    }

    /** Whether the dependencies form a cycle, reporting each. */
    private boolean cyclic() {
      for (List<String> cycle : graph.cycles()) {
        violation(
            at(index.get(cycle.get(0)), "dependsOn"),
            "the dependencies form a cycle: " + String.join(" -> ", cycle));
      }
      return !graph.cycles().isEmpty();
    }

    private void checkExpressions(int i, StepSpec step) {
      if (step.when() != null) {
        try {
          JexlScript script = Conditions.compile(step.when());
          for (List<String> variable : Conditions.variables(script)) {
            checkRead(variable, at(i, "when"), step, "condition", false);
          }
        } catch (IllegalArgumentException e) {
          violation(at(i, "when"), e.getMessage());
        }
      }
      Expressions.forEach(step.input(), at(i, "input"), (e, at) -> checkExpression(e, at, step));
      if (step.compensation() != null) {
        Expressions.forEach(
            step.compensation().input(),
            at(i, "compensation/input"),
            (e, at) -> checkExpression(e, at, step, true));
      }
    }

    private void checkExpression(String expression, String at, StepSpec step) {
      checkExpression(expression, at, step, false);
    }

    /** {@code ownResult}: a compensation may read the result of the step it undoes. */
    private void checkExpression(String expression, String at, StepSpec step, boolean ownResult) {
      List<String> head = headOrNull(expression, at);
      if (head != null) {
        checkRead(head, at, step, "expression '" + expression + "'", ownResult);
      }
    }

    private List<String> headOrNull(String expression, String at) {
      if (expression == null) {
        violation(at, "the value of a key ending in '.$' must be an expression string");
        return null;
      }
      try {
        return Expressions.head(expression);
      } catch (IllegalArgumentException e) {
        violation(at, e.getMessage());
        return null;
      }
    }

    /** Checks that {@code head} names something there when {@code step} runs. */
    private void checkRead(
        List<String> head, String at, StepSpec step, String what, boolean ownResult) {
      if (!checkRoot(head, at, step, what) || !"steps".equals(head.get(0)) || head.size() < 2) {
        return;
      }
      String name = head.get(1);
      if (!index.containsKey(name)) {
        violation(at, what + " reads step '" + name + "', which does not exist");
      } else if (step != null
          && dependenciesKnown
          && !(ownResult && name.equals(step.name()))
          && !graph.ancestors(step.name()).contains(name)) {
        violation(
            at,
            what
                + " reads step '"
                + name
                + "', which step '"
                + step.name()
                + "' does not depend on, so its result is not there when it runs");
      }
    }

    private boolean checkRoot(List<String> head, String at, StepSpec step, String what) {
      String root = head.get(0);
      boolean known =
          ROOTS.contains(root)
              || (spec.coordination() == Coordination.PIPELINE && PIPELINE_ROOTS.contains(root))
              || ("results".equals(root)
                  && step == null
                  && spec.coordination() == Coordination.PIPELINE)
              || ("event".equals(root) && step != null && step.on() != null);
      if (!known) {
        violation(
            at,
            what
                + " reads '"
                + root
                + "', which is not in the step context; expected one of "
                + sorted(readableRoots(step)));
      }
      return known;
    }

    private Set<String> readableRoots(StepSpec step) {
      Set<String> roots = new HashSet<>(ROOTS);
      if (spec.coordination() == Coordination.PIPELINE) {
        roots.addAll(PIPELINE_ROOTS);
        if (step == null) {
          roots.add("results");
        }
      }
      if (step != null && step.on() != null) {
        roots.add("event");
      }
      return roots;
    }

    private void violation(String pointer, String message) {
      out.add(new FieldViolation(pointer, message));
    }

    private static String at(int i, String field) {
      return "/steps/" + i + (field.isEmpty() ? "" : "/" + field);
    }

    private static List<String> sorted(Set<String> names) {
      return names.stream().sorted().toList();
    }
  }
}
