package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.Reducer;
import io.onex.engine.core.Rejection;
import io.onex.engine.core.Transition;
import io.onex.engine.core.machine.TimerActions;
import io.onex.engine.orchestrator.OrchestrationState;
import io.onex.engine.orchestrator.OrchestrationState.Phase;
import io.onex.engine.orchestrator.OrchestrationState.StepStatus;
import io.onex.engine.orchestrator.internal.CompiledSpec.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in reducer of every spec workflow: it starts the steps whose dependencies are done,
 * records each outcome in the step's state, applies the failure policies, and ends the instance
 * when every step is done, when a step aborts, or when compensation has run. Pure: everything it
 * reads comes from the state, the action and the {@link ReduceContext}.
 */
@InternalApi
public final class SpecReducer implements Reducer<OrchestrationState, JsonNode> {

  private final CompiledSpec spec;

  public SpecReducer(CompiledSpec spec) {
    this.spec = spec;
  }

  /** The state an instance begins with: every step pending, the pipeline not yet cut. */
  public OrchestrationState initialState(JsonNode input) {
    Map<String, OrchestrationState.Step> steps = new LinkedHashMap<>();
    spec.steps().keySet().forEach(name -> steps.put(name, OrchestrationState.Step.pending()));
    return new OrchestrationState(input, Phase.RUNNING, steps, null, null, 0, null);
  }

  @Override
  public Optional<Transition<OrchestrationState>> onStart(
      OrchestrationState initial, ReduceContext context) {
    Progress progress = new Progress(spec, initial, context);
    progress.advance();
    return Optional.of(progress.transition());
  }

  @Override
  public Optional<Rejection> validate(
      OrchestrationState state, JsonNode payload, ReduceContext context) {
    String action = context.action().type();
    if (state.phase() != Phase.RUNNING && state.phase() != Phase.COMPENSATING) {
      return reject("instance-ended", "the instance is " + state.phase());
    }
    if (CompiledSpec.CANCEL.equals(action)) {
      return Optional.empty();
    }
    if (state.phase() != Phase.RUNNING) {
      return reject("compensating", "the instance is compensating: " + state.failure());
    }
    if (CompiledSpec.STEP_DUE.equals(action)) {
      if (!context.action().metadata().containsKey(TimerActions.TIMER_METADATA)) {
        return reject(
            "timer-only", CompiledSpec.STEP_DUE + " is fired by the instance's own timers only");
      }
      return validateDue(state, payload);
    }
    Optional<Step> waiting = spec.waitingFor(action);
    if (waiting.isPresent()) {
      StepStatus status = state.steps().get(waiting.get().name()).status();
      return status == StepStatus.WAITING
          ? Optional.empty()
          : reject(
              "step-not-waiting",
              "step '"
                  + waiting.get().name()
                  + "' awaits '"
                  + action
                  + "' only while WAITING, but it is "
                  + status);
    }
    Step triggered = spec.triggeredBy(action).orElseThrow();
    OrchestrationState.Step step = state.steps().get(triggered.name());
    return step.event() == null
            && (step.status() == StepStatus.PENDING || step.status() == StepStatus.WAITING)
        ? Optional.empty()
        : reject(
            "step-already-triggered",
            "step '"
                + triggered.name()
                + "' was already triggered by '"
                + action
                + "'; it is "
                + step.status());
  }

  private Optional<Rejection> validateDue(OrchestrationState state, JsonNode payload) {
    String name = payload.path("step").asText();
    Optional<Step> step = spec.step(name);
    if (step.isEmpty()) {
      return reject("unknown-step", "there is no step '" + name + "'");
    }
    StepStatus status = state.steps().get(name).status();
    boolean due =
        step.get().timer().isPresent()
            ? status == StepStatus.RUNNING
            : step.get().deadline().isPresent() && status == StepStatus.WAITING;
    return due
        ? Optional.empty()
        : reject("step-not-due", "step '" + name + "' is " + status + ", not due");
  }

  @Override
  public Transition<OrchestrationState> reduce(
      OrchestrationState state, JsonNode payload, ReduceContext context) {
    Progress progress = new Progress(spec, state, context);
    String action = context.action().type();
    if (CompiledSpec.CANCEL.equals(action)) {
      progress.cancel(payload.path("reason").asText("cancelled"));
    } else if (CompiledSpec.STEP_DUE.equals(action)) {
      Step step = spec.step(payload.path("step").asText()).orElseThrow();
      if (step.timer().isPresent()) {
        progress.succeeded(step, payload, 1);
      } else {
        progress.failed(step, "deadline of " + step.spec().waitFor().deadline() + " passed", 0);
      }
    } else if (spec.waitingFor(action).isPresent()) {
      progress.succeeded(spec.waitingFor(action).get(), payload, 1);
    } else {
      progress.triggered(spec.triggeredBy(action).orElseThrow(), payload);
    }
    progress.advance();
    return progress.transition();
  }

  /** An operator's termination also terminates the child workflows still running. */
  @Override
  public List<Intent> onTerminate(OrchestrationState state, String reason, ReduceContext context) {
    return new Progress(spec, state, context).childTerminations(reason);
  }

  @Override
  public Transition<OrchestrationState> onOutcome(
      OrchestrationState state, Intent intent, IntentOutcome outcome, ReduceContext context) {
    Progress progress = new Progress(spec, state, context);
    Optional<Step> step =
        Optional.ofNullable(intent.metadata().get(CompiledSpec.STEP)).flatMap(spec::step);
    if (step.isPresent()) {
      progress.outcome(step.get(), intent, outcome);
      progress.advance();
    }
    return progress.transition();
  }

  private static Optional<Rejection> reject(String reason, String message) {
    return Optional.of(new Rejection(reason, message));
  }
}
