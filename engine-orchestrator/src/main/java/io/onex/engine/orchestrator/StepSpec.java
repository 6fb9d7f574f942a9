package io.onex.engine.orchestrator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One step of a {@link WorkflowSpec}: exactly one of an intent ({@code handler} and {@code
 * target}), a child workflow ({@code workflow}), a timer ({@code timer}) or a wait for an action
 * ({@code wait}); with its input template, dependencies, condition, retry policy, failure policy
 * and compensation. Immutable; field names are those of the spec document.
 *
 * @param name the step's name, unique in its spec
 * @param description what the step does, for people
 * @param handler the effect handler type of an intent step
 * @param target the handler's target of an intent step
 * @param metadata the operation's settings for the handler (for {@code http}: path, method)
 * @param workflow the workflow type of a child-workflow step
 * @param timer how long a timer step waits, such as {@code 10s}
 * @param waitFor the action a wait step waits for (field {@code wait})
 * @param on the action that starts the step ({@link Coordination#EVENT_DRIVEN} only)
 * @param input the template of the step's input
 * @param dependsOn the steps that must be done first ({@link Coordination#PARALLEL}, {@link
 *     Coordination#EVENT_DRIVEN})
 * @param when a condition; when it is false the step is skipped
 * @param retry how failing attempts are retried
 * @param onFailure what a failure does once the retries are spent; {@link FailurePolicy#ABORT} by
 *     default
 * @param compensation what undoes the step when a later failure compensates
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepSpec(
    String name,
    String description,
    String handler,
    String target,
    Map<String, String> metadata,
    String workflow,
    String timer,
    @JsonProperty("wait") Wait waitFor,
    Trigger on,
    JsonNode input,
    List<String> dependsOn,
    String when,
    Retry retry,
    FailurePolicy onFailure,
    Compensation compensation) {

  public StepSpec {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    onFailure = onFailure == null ? FailurePolicy.ABORT : onFailure;
  }

  /** What kind of step this is. */
  public enum Kind {
    INTENT,
    WORKFLOW,
    TIMER,
    WAIT
  }

  /** The step's kind, from which of handler, workflow, timer and wait it names. */
  @JsonIgnore
  public Kind kind() {
    if (workflow != null) {
      return Kind.WORKFLOW;
    }
    if (timer != null) {
      return Kind.TIMER;
    }
    if (waitFor != null) {
      return Kind.WAIT;
    }
    return Kind.INTENT;
  }

  /**
   * A wait for action {@code action}, whose payload must match {@code schema} and becomes the
   * step's result; after {@code deadline} (when given) the step fails.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Wait(String action, JsonNode schema, String deadline) {}

  /** The action that starts an {@link Coordination#EVENT_DRIVEN} step, with its payload schema. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Trigger(String action, JsonNode schema) {}

  /**
   * The retry policy of a step's intent: up to {@code maxAttempts} attempts, spaced by exponential
   * backoff from {@code initialBackoff} up to {@code maxBackoff}, each cut at {@code
   * attemptTimeout}. Unset fields take the engine's defaults.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Retry(
      Integer maxAttempts,
      String initialBackoff,
      String maxBackoff,
      Double multiplier,
      String attemptTimeout) {}

  /** The intent that undoes a completed step. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Compensation(
      String handler, String target, Map<String, String> metadata, JsonNode input, Retry retry) {

    public Compensation {
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
  }
}
