package io.onex.engine.orchestrator.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.core.RetryPolicy;
import io.onex.engine.orchestrator.StepSpec;
import io.onex.engine.orchestrator.WorkflowSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.jexl3.JexlScript;

/**
 * A validated spec made ready to run: each step's dependencies (SEQUENTIAL made explicit), its
 * compiled condition, durations and retry policy. Immutable.
 */
@InternalApi
public final class CompiledSpec {

  /** The built-in action that cancels an instance: {@code {"reason": "..."}}. */
  public static final String CANCEL = "Cancel";

  /** The built-in action a timer step or a wait deadline fires: {@code {"step", "token"}}. */
  public static final String STEP_DUE = "StepDue";

  /** Intent metadata naming the step an intent belongs to. */
  public static final String STEP = "onex.step";

  /** Intent metadata marking a compensation intent. */
  public static final String COMPENSATION = "onex.compensation";

  /** Intent metadata naming the pipeline chunk of an intent. */
  public static final String CHUNK = "onex.chunk";

  /** Intent metadata marking the termination of a child, sent when a parent is cancelled. */
  public static final String CASCADE = "onex.cascade";

  /** The handler type of child workflows and signals. */
  public static final String WORKFLOW_HANDLER = "workflow";

  private final WorkflowSpec spec;
  private final Map<String, Step> steps = new LinkedHashMap<>();

  /** A step with everything the reducer needs precomputed. */
  public record Step(
      int index,
      StepSpec spec,
      List<String> dependsOn,
      Optional<JexlScript> condition,
      Optional<Duration> timer,
      Optional<Duration> deadline,
      RetryPolicy retry,
      RetryPolicy compensationRetry) {

    public String name() {
      return spec.name();
    }
  }

  public CompiledSpec(WorkflowSpec spec) {
    this.spec = spec;
    List<StepSpec> list = spec.steps();
    for (int i = 0; i < list.size(); i++) {
      StepSpec step = list.get(i);
      List<String> deps = DependencyGraph.dependenciesOf(spec, i);
      steps.put(
          step.name(),
          new Step(
              i,
              step,
              deps,
              Optional.ofNullable(step.when()).map(Conditions::compile),
              Optional.ofNullable(step.timer()).map(Durations::parse),
              Optional.ofNullable(step.waitFor())
                  .map(StepSpec.Wait::deadline)
                  .map(Durations::parse),
              retryPolicy(step.retry(), step.kind() == StepSpec.Kind.WORKFLOW),
              retryPolicy(
                  step.compensation() == null ? null : step.compensation().retry(), false)));
    }
  }

  public WorkflowSpec spec() {
    return spec;
  }

  /** The steps by name, in the order written. */
  public Map<String, Step> steps() {
    return steps;
  }

  public Optional<Step> step(String name) {
    return Optional.ofNullable(steps.get(name));
  }

  /** The step waiting for action {@code action}, if one does. */
  public Optional<Step> waitingFor(String action) {
    return steps.values().stream()
        .filter(s -> s.spec().waitFor() != null && s.spec().waitFor().action().equals(action))
        .findFirst();
  }

  /** The step started by action {@code action}, if one is. */
  public Optional<Step> triggeredBy(String action) {
    return steps.values().stream()
        .filter(s -> s.spec().on() != null && s.spec().on().action().equals(action))
        .findFirst();
  }

  /**
   * The retry policy of {@code retry} over the engine's defaults; a child workflow's attempt waits
   * up to an hour for the child to end, and is retried for a day.
   */
  public static RetryPolicy retryPolicy(StepSpec.Retry retry, boolean child) {
    RetryPolicy base =
        child
            ? new RetryPolicy(
                24, 1_000, 60_000, 2.0, 0.2, Duration.ofHours(1).toMillis(), List.of())
            : RetryPolicy.DEFAULT;
    if (retry == null) {
      return base;
    }
    long initial =
        retry.initialBackoff() == null
            ? base.initialBackoffMs()
            : Durations.parse(retry.initialBackoff()).toMillis();
    long max =
        retry.maxBackoff() == null
            ? Math.max(initial, base.maxBackoffMs())
            : Durations.parse(retry.maxBackoff()).toMillis();
    return new RetryPolicy(
        retry.maxAttempts() == null ? base.maxAttempts() : retry.maxAttempts(),
        initial,
        Math.max(initial, max),
        retry.multiplier() == null ? base.multiplier() : retry.multiplier(),
        base.jitter(),
        retry.attemptTimeout() == null
            ? base.attemptTimeoutMs()
            : Durations.parse(retry.attemptTimeout()).toMillis(),
        base.retryableErrors());
  }

  /** Counts per name, for duplicate detection. */
  static Map<String, Integer> counts(List<String> names) {
    Map<String, Integer> counts = new HashMap<>();
    names.forEach(n -> counts.merge(n, 1, Integer::sum));
    return counts;
  }
}
