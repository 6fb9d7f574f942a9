package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
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
import io.onex.engine.orchestrator.OrchestrationState.Pipeline;
import io.onex.engine.orchestrator.OrchestrationState.StepStatus;
import io.onex.engine.orchestrator.StepSpec;
import io.onex.engine.orchestrator.internal.CompiledSpec.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reducer call's work on a spec instance: the state as it changes, the intents and step records
 * it gathers, and the transition they make. Lives for one call; not thread-safe.
 */
final class Progress {

  private final CompiledSpec spec;
  private final ReduceContext context;
  private final List<Intent> intents = new ArrayList<>();
  private final List<StepRecord> records = new ArrayList<>();
  private OrchestrationState state;

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
      advancePipeline();
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
      compensateNext();
    }
  }

  /** Every step is done: the output is built and the instance completes (or fails, naming why). */
  private void completeWithOutput() {
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

  private void started(Step step, StepStatus status, String child, String detail) {
    state = state.withStep(step.name(), s -> s.started(status, context.now(), child));
    record(step, status == StepStatus.WAITING ? "WAITING" : "STARTED", detail);
  }

  private Intent intent(
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
      chunkOutcome(step, Integer.parseInt(intent.metadata().get(CompiledSpec.CHUNK)), outcome);
      return;
    }
    if (intent.metadata().containsKey(CompiledSpec.COMPENSATION)) {
      compensated(step, outcome);
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
  private void end(Phase phase, String why) {
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

  // ---- compensation

  /**
   * Once no step is running or compensating, compensates the latest completed step that has a
   * compensation; when none is left the instance ends FAILED.
   */
  private void compensateNext() {
    boolean busy =
        state.steps().values().stream()
            .anyMatch(
                s -> s.status() == StepStatus.RUNNING || s.status() == StepStatus.COMPENSATING);
    if (busy) {
      return;
    }
    Optional<Step> next =
        spec.steps().values().stream()
            .filter(s -> s.spec().compensation() != null)
            .filter(s -> state.steps().get(s.name()).status() == StepStatus.COMPLETED)
            .max(Comparator.comparing(s -> state.steps().get(s.name()).completedAs()));
    if (next.isEmpty()) {
      // in the order they were undone: the latest completed first
      List<String> undone =
          state.stepsIn(StepStatus.COMPENSATED).stream()
              .sorted(
                  Comparator.comparing((String n) -> state.steps().get(n).completedAs()).reversed())
              .toList();
      String why =
          state.failure() + (undone.isEmpty() ? "" : "; compensated " + String.join(", ", undone));
      state = state.withPhase(Phase.FAILED, why);
      return;
    }
    Step step = next.get();
    StepSpec.Compensation compensation = step.spec().compensation();
    JsonNode input;
    try {
      input = Expressions.render(compensation.input(), context(step));
    } catch (IllegalArgumentException e) {
      compensated(step, new IntentOutcome.Failed(step.name(), e.getMessage(), 0));
      compensateNext();
      return;
    }
    intents.add(
        intent(
            compensation.handler(),
            compensation.target(),
            input,
            step,
            compensation.metadata(),
            Map.of(CompiledSpec.COMPENSATION, "true")));
    state = state.withStep(step.name(), s -> s.withStatus(StepStatus.COMPENSATING));
    record(step, "COMPENSATING", compensation.handler() + " " + compensation.target());
  }

  private void compensated(Step step, IntentOutcome outcome) {
    if (outcome instanceof IntentOutcome.Failed failure) {
      state =
          state.withStep(
              step.name(), s -> s.failed("compensation failed: " + failure.error(), context.now()));
      state =
          state.withPhase(
              state.phase(),
              state.failure() + "; compensating '" + step.name() + "' failed: " + failure.error());
      record(step, "COMPENSATION_FAILED", failure.error());
    } else {
      state = state.withStep(step.name(), s -> s.withStatus(StepStatus.COMPENSATED));
      record(step, "COMPENSATED", null);
    }
  }

  // ---- pipelines

  private void advancePipeline() {
    if (state.phase() != Phase.RUNNING) {
      return;
    }
    Pipeline pipeline = state.pipeline();
    ArrayNode items = pipelineItems();
    if (items == null) {
      end(Phase.FAILED, "pipeline.items " + spec.spec().pipeline().items() + " is not a list");
      return;
    }
    int size = spec.spec().pipeline().chunkSize();
    if (pipeline == null) {
      int chunkCount = (int) ((items.size() + (long) size - 1) / size);
      pipeline = new Pipeline(chunkCount, 0, Map.of(), 0, Map.of());
      for (Step step : spec.steps().values()) {
        started(
            step, StepStatus.RUNNING, null, pipeline.chunkCount() + " chunk(s) of up to " + size);
      }
    }
    Step first = spec.steps().values().iterator().next();
    Map<String, Integer> inFlight = new LinkedHashMap<>(pipeline.inFlight());
    int next = pipeline.nextChunk();
    while (inFlight.size() < spec.spec().pipeline().parallelism() && next < pipeline.chunkCount()) {
      Optional<Intent> intent = chunkIntent(first, next, items, NullNode.getInstance());
      if (intent.isEmpty()) {
        return;
      }
      intents.add(intent.get());
      inFlight.put(Integer.toString(next), 0);
      next++;
    }
    pipeline =
        new Pipeline(
            pipeline.chunkCount(), next, inFlight, pipeline.chunksDone(), pipeline.results());
    state = state.withPipeline(pipeline);
    if (pipeline.chunksDone() == pipeline.chunkCount()) {
      for (Step step : spec.steps().values()) {
        if (state.steps().get(step.name()).status() == StepStatus.RUNNING) {
          state = state.counted();
          int order = state.completions();
          int chunks = pipeline.chunkCount();
          state =
              state.withStep(
                  step.name(),
                  s -> s.ended(StepStatus.COMPLETED, chunks, null, null, context.now(), order));
          record(step, "COMPLETED", chunks + " chunk(s)");
        }
      }
      completeWithOutput();
    }
  }

  private ArrayNode pipelineItems() {
    try {
      JsonNode items = Expressions.evaluate(spec.spec().pipeline().items(), context(null));
      return items.isArray() ? (ArrayNode) items : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The intent taking chunk {@code chunk} through {@code step}; empty, with the instance failed,
   * when the step's input cannot be built for it.
   */
  private Optional<Intent> chunkIntent(Step step, int chunk, ArrayNode items, JsonNode previous) {
    int size = spec.spec().pipeline().chunkSize();
    ArrayNode slice = EngineJson.mapper().createArrayNode();
    for (int i = chunk * size; i < Math.min(items.size(), (chunk + 1) * size); i++) {
      slice.add(items.get(i));
    }
    ObjectNode chunkContext = (ObjectNode) context(step);
    chunkContext.set("chunk", slice);
    chunkContext.put("chunkIndex", chunk);
    chunkContext.set("previous", previous);
    StepSpec s = step.spec();
    JsonNode input;
    try {
      input = Expressions.render(s.input(), chunkContext);
    } catch (IllegalArgumentException e) {
      String why = "chunk " + chunk + ": " + e.getMessage();
      state = state.withStep(step.name(), st -> st.failed(why, context.now()));
      record(step, "FAILED", why);
      end(Phase.FAILED, "step '" + step.name() + "' failed on " + why);
      return Optional.empty();
    }
    return Optional.of(
        intent(
            s.handler(),
            s.target(),
            input,
            step,
            s.metadata(),
            Map.of(CompiledSpec.CHUNK, Integer.toString(chunk))));
  }

  private void chunkOutcome(Step step, int chunk, IntentOutcome outcome) {
    Integer stageOfChunk = state.pipeline().inFlight().get(Integer.toString(chunk));
    if (state.phase() != Phase.RUNNING || stageOfChunk == null || stageOfChunk != step.index()) {
      return; // an outcome of a chunk no longer at this stage (an operator's retry, a repeat)
    }
    JsonNode result;
    if (outcome instanceof IntentOutcome.Succeeded success) {
      result = success.result();
    } else {
      String error = ((IntentOutcome.Failed) outcome).error();
      if (step.spec().onFailure() != FailurePolicy.SKIP) {
        record(step, "FAILED", "chunk " + chunk + ": " + error);
        state =
            state.withStep(
                step.name(), s -> s.failed("chunk " + chunk + ": " + error, context.now()));
        end(Phase.FAILED, "step '" + step.name() + "' failed on chunk " + chunk + ": " + error);
        return;
      }
      record(step, "SKIPPED", "chunk " + chunk + ": " + error);
      result = NullNode.getInstance();
    }
    List<Step> stages = new ArrayList<>(spec.steps().values());
    Pipeline pipeline = state.pipeline();
    Map<String, Integer> inFlight = new LinkedHashMap<>(pipeline.inFlight());
    Map<String, JsonNode> results = new LinkedHashMap<>(pipeline.results());
    int done = pipeline.chunksDone();
    int stage = step.index() + 1;
    if (stage < stages.size()) {
      Optional<Intent> intent = chunkIntent(stages.get(stage), chunk, pipelineItems(), result);
      if (intent.isEmpty()) {
        return;
      }
      intents.add(intent.get());
      inFlight.put(Integer.toString(chunk), stage);
    } else {
      inFlight.remove(Integer.toString(chunk));
      results.put(Integer.toString(chunk), result);
      done++;
    }
    state =
        state.withPipeline(
            new Pipeline(pipeline.chunkCount(), pipeline.nextChunk(), inFlight, done, results));
  }

  // ---- the context expressions read

  /**
   * The document a step's expressions and condition read: the start input, the instance, every
   * step's status and result, the step's triggering event; in a pipeline's output the chunk results
   * in order.
   */
  private JsonNode context(Step step) {
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

  private void record(Step step, String status, String detail) {
    records.add(new StepRecord(step.name(), status, detail));
  }
}
