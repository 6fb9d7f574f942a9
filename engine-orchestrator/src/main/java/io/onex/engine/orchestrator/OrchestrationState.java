package io.onex.engine.orchestrator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The state of a spec workflow instance: its start input, its phase, and each step's status,
 * attempts, result, error and timing; for a pipeline, its chunks' progress. What the history, the
 * state at any event and replay show. Immutable; every change returns a new state.
 *
 * @param input the start input
 * @param phase where the instance is
 * @param steps each step's state, by name, in the order written
 * @param failure why the instance failed or is compensating, or {@code null}
 * @param output the output, once every step is done, or {@code null}
 * @param completions how many steps have completed (orders compensation)
 * @param pipeline the chunks' progress of a {@link Coordination#PIPELINE}, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrchestrationState(
    JsonNode input,
    Phase phase,
    Map<String, Step> steps,
    String failure,
    JsonNode output,
    int completions,
    Pipeline pipeline) {

  public OrchestrationState {
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
  }

  /** Where an instance is. */
  public enum Phase {
    RUNNING,
    /** A step failed under policy compensate: completed steps are being undone. */
    COMPENSATING,
    COMPLETED,
    FAILED,
    CANCELLED
  }

  /** Where a step is. */
  public enum StepStatus {
    PENDING,
    /** A wait step awaiting its action, or an EVENT_DRIVEN step awaiting its trigger. */
    WAITING,
    RUNNING,
    COMPLETED,
    SKIPPED,
    FAILED,
    COMPENSATING,
    COMPENSATED,
    CANCELLED;

    /** Whether steps that depend on this one may start. */
    public boolean releasesDependents() {
      return this == COMPLETED || this == SKIPPED;
    }
  }

  /**
   * One step's state.
   *
   * @param status where it is
   * @param attempts the attempts its intent took, as the effect executor reported them
   * @param result what it produced: the handler's result, the child's final state, the awaited
   *     action's payload
   * @param error why it failed or was skipped
   * @param startedAt when it started (the time of the action that started it)
   * @param endedAt when it ended
   * @param completedAs its place in the order of completion, from 1
   * @param event the payload of the action that triggered it ({@code on}), or {@code null}
   * @param child the instance id of the child workflow it started, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(
      StepStatus status,
      int attempts,
      JsonNode result,
      String error,
      Instant startedAt,
      Instant endedAt,
      Integer completedAs,
      JsonNode event,
      String child) {

    /** A step that has not started. */
    public static Step pending() {
      return new Step(StepStatus.PENDING, 0, null, null, null, null, null, null, null);
    }

    public Step withStatus(StepStatus next) {
      return new Step(next, attempts, result, error, startedAt, endedAt, completedAs, event, child);
    }

    public Step started(StepStatus next, Instant at, String childId) {
      return new Step(next, attempts, result, error, at, endedAt, completedAs, event, childId);
    }

    public Step ended(
        StepStatus next, int tries, JsonNode value, String why, Instant at, Integer order) {
      return new Step(next, tries, value, why, startedAt, at, order, event, child);
    }

    /** The step, ended FAILED for {@code why}, keeping its attempts, result and order. */
    public Step failed(String why, Instant at) {
      return ended(StepStatus.FAILED, attempts, result, why, at, completedAs);
    }

    public Step triggered(JsonNode payload) {
      return new Step(
          status, attempts, result, error, startedAt, endedAt, completedAs, payload, child);
    }
  }

  /**
   * A pipeline's progress.
   *
   * @param chunkCount how many chunks the list makes
   * @param nextChunk the next chunk to start
   * @param inFlight the chunks under way by index: the stage (step position) each is at
   * @param chunksDone how many chunks have passed every step
   * @param results the last step's result of each finished chunk, by chunk index
   */
  public record Pipeline(
      int chunkCount,
      int nextChunk,
      Map<String, Integer> inFlight,
      int chunksDone,
      Map<String, JsonNode> results) {

    public Pipeline {
      inFlight = Collections.unmodifiableMap(new LinkedHashMap<>(inFlight));
      results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }
  }

  /** The state with step {@code name} changed by {@code change}. */
  public OrchestrationState withStep(String name, UnaryOperator<Step> change) {
    Map<String, Step> next = new LinkedHashMap<>(steps);
    next.put(name, change.apply(next.get(name)));
    return new OrchestrationState(input, phase, next, failure, output, completions, pipeline);
  }

  public OrchestrationState withPhase(Phase next, String why) {
    return new OrchestrationState(input, next, steps, why, output, completions, pipeline);
  }

  public OrchestrationState withOutput(JsonNode value) {
    return new OrchestrationState(input, phase, steps, failure, value, completions, pipeline);
  }

  public OrchestrationState withPipeline(Pipeline next) {
    return new OrchestrationState(input, phase, steps, failure, output, completions, next);
  }

  /** The state counting one more completion; its number is {@code completions() + 1}. */
  public OrchestrationState counted() {
    return new OrchestrationState(input, phase, steps, failure, output, completions + 1, pipeline);
  }

  /** The names of the steps in {@code status}. */
  public List<String> stepsIn(StepStatus status) {
    return steps.entrySet().stream()
        .filter(e -> e.getValue().status() == status)
        .map(Map.Entry::getKey)
        .toList();
  }
}
