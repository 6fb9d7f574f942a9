package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.StepRecord;
import io.onex.engine.core.Transition;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.orchestrator.Coordination;
import io.onex.engine.orchestrator.FailurePolicy;
import io.onex.engine.orchestrator.OrchestrationState;
import io.onex.engine.orchestrator.OrchestrationState.Phase;
import io.onex.engine.orchestrator.OrchestrationState.StepStatus;
import io.onex.engine.orchestrator.StepSpec;
import io.onex.engine.orchestrator.internal.CompiledSpec.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reducer call's work on a spec instance: the state as it changes, the intents and step records
 * it gathers, and the transition they make. Lives for one call; not thread-safe.
 */
final class Progress {

  final CompiledSpec spec;
  final ReduceContext context;
  final List<Intent> intents = new ArrayList<>();
  private final List<StepRecord> records = new ArrayList<>();
  OrchestrationState state;

  Progress(CompiledSpec spec, OrchestrationState state, ReduceContext context) {
    this.spec = spec;
    this.state = state;
    this.context = context;
  }

  /** The transition of everything done: the instance's status follows its phase. */
  Transition<OrchestrationState> transition() {
    Transition.Accepted<OrchestrationState> accepted =
        Transition.to(state).emit(intents).recording(records);
    return switch (state.phase()) {
      case COMPLETED -> accepted.complete();
      case FAILED -> accepted.fail(state.failure());
      case CANCELLED -> accepted.cancel(state.failure());
      default -> accepted;
    };
  }

  // ---- moving forward

  /** Starts whatever may start now, and ends the instance when nothing is left to do. */
  void advance() {
    if (spec.spec().coordination() == Coordination.PIPELINE) {
      new PipelineRun(this).advance();
      return;
    }
    boolean again = true;
    while (again && state.phase() == Phase.RUNNING) {
      again = false;
      for (Step step : spec.steps().values()) {
        OrchestrationState.Step current = state.steps().get(step.name());
        boolean idle =
            current.status() == StepStatus.PENDING
                || (current.status() == StepStatus.WAITING && step.spec().on() != null);
        if (!idle || !dependenciesDone(step)) {
          continue;
        }
        if (step.spec().on() != null && current.event() == null) {
          if (current.status() == StepStatus.PENDING) {
            state = state.withStep(step.name(), s -> s.withStatus(StepStatus.WAITING));
            record(step, "WAITING", "for action " + step.spec().on().action());
          }
          continue;
        }
        again |= begin(step);
      }
    }
    if (state.phase() == Phase.RUNNING && allDone()) {
      completeWithOutput();
    }
    if (state.phase() == Phase.COMPENSATING) {
      new Compensation(this).next();
    }
  }

  /** Every step is done: the output is built and the instance completes (or fails, naming why). */
  void completeWithOutput() {
    try {
      JsonNode output =
          spec.spec().output() == null
              ? null
              : Expressions.render(spec.spec().output(), context(null));
      state = state.withOutput(output).withPhase(Phase.COMPLETED, null);
    } catch (IllegalArgumentException e) {
      state = state.withPhase(Phase.FAILED, "the output could not be built: " + e.getMessage());
    }
  }

  private boolean dependenciesDone(Step step) {
    return step.dependsOn().stream()
        .allMatch(d -> state.steps().get(d).status().releasesDependents());
  }

  private boolean allDone() {
    return state.steps().values().stream().allMatch(s -> s.status().releasesDependents());
  }

  /** Starts {@code step}; true when it ended at once (skipped), which may free its dependents. */
  private boolean begin(Step step) {
    JsonNode stepContext = context(step);
    if (step.condition().isPresent()) {
      boolean holds;
      try {
        holds = Conditions.holds(step.condition().get(), stepContext);
      } catch (IllegalArgumentException e) {
        failed(step, e.getMessage(), 0);
        return true;
      }
      if (!holds) {
        state =
            state.withStep(
                step.name(),
                s -> s.ended(StepStatus.SKIPPED, 0, null, "condition false", context.now(), null));
        record(step, "SKIPPED", "condition false: " + step.spec().when());
        return true;
      }
    }
    StepSpec s = step.spec();
    JsonNode input;
    try {
      input = Expressions.render(s.input(), stepContext);
    } catch (IllegalArgumentException e) {
      failed(step, e.getMessage(), 0);
      return true;
    }
    switch (s.kind()) {
      case INTENT -> {
        intents.add(intent(s.handler(), s.target(), input, step, s.metadata(), Map.of()));
        started(step, StepStatus.RUNNING, null, s.handler() + " " + s.target());
      }
      case WORKFLOW -> {
        String child = context.instanceId() + ":" + s.name();
        ObjectNode payload = EngineJson.mapper().createObjectNode();
        payload.put("operation", "start").put("instanceId", child).set("input", input);
        intents.add(
            intent(CompiledSpec.WORKFLOW_HANDLER, s.workflow(), payload, step, Map.of(), Map.of()));
        started(step, StepStatus.RUNNING, child, "child " + s.workflow() + " " + child);
      }
      case TIMER -> {
        intents.add(
            context.timerAfter(step.timer().orElseThrow(), CompiledSpec.STEP_DUE, due(step)));
        started(step, StepStatus.RUNNING, null, "timer " + s.timer());
      }
      case WAIT -> {
        step.deadline()
            .ifPresent(d -> intents.add(context.timerAfter(d, CompiledSpec.STEP_DUE, due(step))));
        started(step, StepStatus.WAITING, null, "for action " + s.waitFor().action());
      }
    }
    return false;
  }

  private Map<String, String> due(Step step) {
    return Map.of("step", step.name());
  }

  void started(Step step, StepStatus status, String child, String detail) {
    state = state.withStep(step.name(), s -> s.started(status, context.now(), child));
    record(step, status == StepStatus.WAITING ? "WAITING" : "STARTED", detail);
  }

  Intent intent(
      String handler,
      String target,
      JsonNode payload,
      Step step,
      Map<String, String> metadata,
      Map<String, String> marks) {
    Map<String, String> all = new LinkedHashMap<>(metadata);
    all.putAll(marks);
    all.put(CompiledSpec.STEP, step.name());
    return context
        .intent(handler, target)
        .payload(payload)
        .retryPolicy(
            marks.containsKey(CompiledSpec.COMPENSATION) ? step.compensationRetry() : step.retry())
        .metadata(all)
        .build();
  }

  // ---- what happened to a step

  /** Applies the outcome of {@code intent}, an intent of {@code step}. */
  void outcome(Step step, Intent intent, IntentOutcome outcome) {
    if (intent.metadata().containsKey(CompiledSpec.CASCADE)) {
      return;
    }
    if (intent.metadata().containsKey(CompiledSpec.CHUNK)) {
      new PipelineRun(this)
          .outcome(step, Integer.parseInt(intent.metadata().get(CompiledSpec.CHUNK)), outcome);
      return;
    }
    if (intent.metadata().containsKey(CompiledSpec.COMPENSATION)) {
      new Compensation(this).done(step, outcome);
      return;
    }
    if (outcome instanceof IntentOutcome.Succeeded success) {
      succeeded(step, success.result(), success.attempts());
    } else {
      IntentOutcome.Failed failure = (IntentOutcome.Failed) outcome;
      failed(step, failure.error(), failure.attempts());
    }
  }

  /** An action triggered {@code step} ({@code on}): its payload is the step's event. */
  void triggered(Step step, JsonNode payload) {
    state = state.withStep(step.name(), s -> s.triggered(payload));
    record(step, "TRIGGERED", "by action " + step.spec().on().action());
  }

  void succeeded(Step step, JsonNode result, int attempts) {
    StepStatus status = state.steps().get(step.name()).status();
    if (status != StepStatus.RUNNING && status != StepStatus.WAITING) {
      return;
    }
    state = state.counted();
    int order = state.completions();
    state =
        state.withStep(
            step.name(),
            s -> s.ended(StepStatus.COMPLETED, attempts, result, null, context.now(), order));
    record(step, "COMPLETED", attempts > 0 ? "attempt " + attempts : null);
  }

  /** {@code step} failed for good: its failure policy decides what follows. */
  void failed(Step step, String error, int attempts) {
    // a child whose step gave up on it (its waits spent) may still run: it is ended with the step
    intents.addAll(childTerminations(error, step.name()));
    FailurePolicy policy =
        state.phase() == Phase.RUNNING ? step.spec().onFailure() : FailurePolicy.ABORT;
    if (policy == FailurePolicy.SKIP) {
      state =
          state.withStep(
              step.name(),
              s -> s.ended(StepStatus.SKIPPED, attempts, null, error, context.now(), null));
      record(step, "SKIPPED", error);
      return;
    }
    state =
        state.withStep(
            step.name(),
            s -> s.ended(StepStatus.FAILED, attempts, null, error, context.now(), null));
    record(step, "FAILED", error);
    if (state.phase() != Phase.RUNNING) {
      return;
    }
    String why = "step '" + step.name() + "' failed: " + error;
    if (policy == FailurePolicy.COMPENSATE) {
      state = state.withPhase(Phase.COMPENSATING, why);
      stopWaiting();
    } else {
      end(Phase.FAILED, why);
    }
  }

  /** Cancels the instance for {@code reason}. */
  void cancel(String reason) {
    end(Phase.CANCELLED, reason);
  }

  /**
   * Ends the instance in {@code phase}: steps not done are cancelled, and child workflows still
   * running are terminated when the spec says so.
   */
  void end(Phase phase, String why) {
    intents.addAll(childTerminations(why));
    for (Step step : spec.steps().values()) {
      OrchestrationState.Step current = state.steps().get(step.name());
      if (isOpen(current)) {
        state = state.withStep(step.name(), s -> s.withStatus(StepStatus.CANCELLED));
        record(step, "CANCELLED", why);
      }
    }
    state = state.withPhase(phase, why);
  }

  /**
   * The terminations of the child workflows still running, when the spec cancels children with
   * their parent: the parent ended for {@code why}.
   */
  List<Intent> childTerminations(String why) {
    return childTerminations(why, null);
  }

  /** As {@link #childTerminations(String)}, of step {@code only} when it is not null. */
  private List<Intent> childTerminations(String why, String only) {
    List<Intent> terminations = new ArrayList<>();
    if (!spec.spec().cancelChildren()) {
      return terminations;
    }
    for (Step step : spec.steps().values()) {
      OrchestrationState.Step current = state.steps().get(step.name());
      boolean chosen = only == null || only.equals(step.name());
      if (chosen && current.status() == StepStatus.RUNNING && current.child() != null) {
        ObjectNode payload = EngineJson.mapper().createObjectNode();
        payload
            .put("operation", "terminate")
            .put("instanceId", current.child())
            .put("reason", "parent " + context.instanceId() + " ended: " + why);
        terminations.add(
            intent(
                CompiledSpec.WORKFLOW_HANDLER,
                step.spec().workflow(),
                payload,
                step,
                Map.of(),
                Map.of(CompiledSpec.CASCADE, "true")));
      }
    }
    return terminations;
  }

  private static boolean isOpen(OrchestrationState.Step step) {
    return step.status() == StepStatus.PENDING
        || step.status() == StepStatus.WAITING
        || step.status() == StepStatus.RUNNING;
  }

  /** Waits and timers stop when compensation begins: nothing new may complete. */
  private void stopWaiting() {
    for (Step step : spec.steps().values()) {
      OrchestrationState.Step current = state.steps().get(step.name());
      boolean stoppable =
          current.status() == StepStatus.PENDING
              || current.status() == StepStatus.WAITING
              || (current.status() == StepStatus.RUNNING
                  && step.spec().kind() == StepSpec.Kind.TIMER);
      if (stoppable) {
        state = state.withStep(step.name(), s -> s.withStatus(StepStatus.CANCELLED));
        record(step, "CANCELLED", "compensating");
      }
    }
  }

  /** The document {@code step}'s expressions read ({@link StepContext}). */
  JsonNode context(Step step) {
    return StepContext.of(state, context, step);
  }

  void record(Step step, String status, String detail) {
    records.add(new StepRecord(step.name(), status, detail));
  }
}
