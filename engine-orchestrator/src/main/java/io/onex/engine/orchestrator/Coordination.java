package io.onex.engine.orchestrator;

/**
 * How the steps of a spec workflow are coordinated (seed 001's ORCHESTRATOR coordination types).
 */
public enum Coordination {
  /** The steps run one after another, in the order written. */
  SEQUENTIAL,
  /**
   * A step starts once every step it {@code dependsOn} has completed or been skipped, so the steps
   * of one dependency level run together and the next level waits for all of them (fan-out,
   * fan-in). A cycle or an unknown dependency is refused at registration.
   */
  PARALLEL,
  /**
   * The list at {@code pipeline.items} is cut into chunks of {@code chunkSize}; each chunk passes
   * through the steps in order, with at most {@code parallelism} chunks in flight.
   */
  PIPELINE,
  /** As {@link #PARALLEL}, and a step with {@code on} starts only when its action arrives. */
  EVENT_DRIVEN
}
