package io.onex.engine.orchestrator.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.orchestrator.Coordination;
import io.onex.engine.orchestrator.StepSpec;
import io.onex.engine.orchestrator.WorkflowSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps' dependencies: what each step waits for (SEQUENTIAL and PIPELINE steps wait for the
 * step before them, the others for their {@code dependsOn}), every step each one transitively
 * depends on, and the cycles, each as the path that closes it. Unknown names are left out.
 * Immutable once built.
 */
@InternalApi
public final class DependencyGraph {

  private final WorkflowSpec spec;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Set<String>> ancestors = new HashMap<>();
  private final List<List<String>> cycles = new ArrayList<>();

  public DependencyGraph(WorkflowSpec spec) {
    this.spec = spec;
    for (int i = 0; i < spec.steps().size(); i++) {
      index.putIfAbsent(spec.steps().get(i).name(), i);
    }
    Map<String, Integer> marks = new HashMap<>();
    for (StepSpec step : spec.steps()) {
      visit(step.name(), marks, new ArrayList<>());
    }
  }

  /** What step {@code i} of {@code spec} waits for. */
  public static List<String> dependenciesOf(WorkflowSpec spec, int i) {
    boolean ordered =
        spec.coordination() == Coordination.SEQUENTIAL
            || spec.coordination() == Coordination.PIPELINE;
    if (ordered) {
      return i == 0 ? List.of() : List.of(spec.steps().get(i - 1).name());
    }
    return spec.steps().get(i).dependsOn();
  }

  /** Every step {@code name} depends on, directly or not. */
  public Set<String> ancestors(String name) {
    return ancestors.getOrDefault(name, Set.of());
  }

  /** The cycles, each from its first step back to it ({@code [a, c, b, a]}). */
  public List<List<String>> cycles() {
    return cycles;
  }

  private void visit(String name, Map<String, Integer> marks, List<String> path) {
    Integer mark = marks.get(name);
    if (mark != null && mark == 2) {
      return;
    }
    if (mark != null && mark == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      cycles.add(cycle);
      return;
    }
    marks.put(name, 1);
    path.add(name);
    Set<String> mine = new LinkedHashSet<>();
    for (String dependency : dependenciesOf(spec, index.get(name))) {
      if (!index.containsKey(dependency) || dependency.equals(name)) {
        continue;
      }
      visit(dependency, marks, path);
      mine.add(dependency);
      mine.addAll(ancestors(dependency));
    }
    path.remove(path.size() - 1);
    marks.put(name, 2);
    ancestors.put(name, mine);
  }
}
