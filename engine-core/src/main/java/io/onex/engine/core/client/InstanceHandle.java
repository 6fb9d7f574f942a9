package io.onex.engine.core.client;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * One workflow instance, addressed by its workflow type and id: read it, send it actions, page
 * through its history and wait for its end. A handle holds no state of the instance and stays valid
 * for the instance's whole life; it is immutable and thread-safe.
 */
public interface InstanceHandle {

  /** The instance's workflow type. */
  String workflowType();

  /** The instance's id. */
  String instanceId();

  /** The instance as it is now; fails with {@code InstanceNotFoundException} if never started. */
  CompletionStage<InstanceView> get();

  /** Applies an action; see {@link WorkflowClient#send}. */
  CompletionStage<ActionOutcome> send(ActionRequest request);

  /** Applies action {@code type} with {@code payload} (a record or map, or {@code null}). */
  default CompletionStage<ActionOutcome> send(String type, Object payload) {
    return send(ActionRequest.of(type, payload));
  }

  /** Up to {@code limit} journaled events from sequence number {@code fromSeq}. */
  CompletionStage<HistoryPage> history(long fromSeq, int limit);

  /**
   * Completes with the instance once it has reached a final status (completed, failed or
   * cancelled), at once if it already has. Driven by the instance's own events: the instance tells
   * its watchers when the event that ends it is journaled, and a watcher moves with the instance
   * when it restarts on another node. Fails with {@code InstanceNotFoundException} if the instance
   * was never started and with {@code InstanceDivergedException} if it diverged. Never times out:
   * see {@link #awaitEnd(Duration)}.
   */
  CompletionStage<InstanceView> awaitEnd();

  /**
   * As {@link #awaitEnd()}, failing with {@code EngineUnavailableException} when the instance has
   * not ended within {@code timeout}.
   */
  CompletionStage<InstanceView> awaitEnd(Duration timeout);
}
