package io.onex.engine.orchestrator;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a step's failure does once its retry policy is spent (seed 001's conflict resolution);
 * written {@code abort}, {@code skip} or {@code compensate} in a spec.
 */
public enum FailurePolicy {
  /** The instance ends FAILED, naming the step; steps still running are left to finish unseen. */
  @JsonProperty("abort")
  ABORT,
  /**
   * The step is recorded as SKIPPED with its error, and the workflow goes on without its result.
   */
  @JsonProperty("skip")
  SKIP,
  /**
   * A saga: no further step starts, the steps still running are awaited, then the compensation of
   * every completed step runs, one at a time, in the reverse order of completion; the instance then
   * ends FAILED, naming the step that failed.
   */
  @JsonProperty("compensate")
  COMPENSATE
}
