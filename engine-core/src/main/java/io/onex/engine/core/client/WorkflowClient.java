package io.onex.engine.core.client;

import java.util.concurrent.CompletionStage;

/**
 * What callers of an engine use: start workflow instances, send them actions, read them, wait for
 * their end, and read their histories. The engine that hosts the instances is a different object; a
 * client only talks to it.
 *
 * <p>Guarantees: a stage that completes normally means the start or action is journaled and
 * survives a crash of any node; a stage that fails with a {@link
 * io.onex.engine.core.error.WorkflowException} changed nothing and names the problem ({@link
 * io.onex.engine.core.error.EngineUnavailableException} when the instance did not answer in time,
 * in which case the action may or may not have been applied: repeat it with the same idempotency
 * key to find out). Actions to one instance are applied one at a time, in the order they arrive.
 * Every method is thread-safe and returns at once; stages complete on the engine's threads.
 */
public interface WorkflowClient {

  /**
   * Starts an instance of the latest version of {@code workflowType}; completes with the instance
   * as its start event left it. Fails with {@link
   * io.onex.engine.core.error.InstanceAlreadyExistsException} when the id is taken (unless the
   * request repeats a start with the same idempotency key, which gets the original answer).
   */
  CompletionStage<InstanceView> start(String workflowType, StartRequest request);

  /** Applies an action to an instance; completes with the instance after it and its intents. */
  CompletionStage<ActionOutcome> send(
      String workflowType, String instanceId, ActionRequest request);

  /** The instance as it is now, with the progress of its pending intents. */
  CompletionStage<InstanceView> get(String workflowType, String instanceId);

  /**
   * A handle on one instance, for callers that work with it repeatedly. Creating the handle checks
   * the address only; whether the instance exists shows in the first call.
   */
  InstanceHandle instance(String workflowType, String instanceId);

  /**
   * One page of the instances that match {@code query}, from the instance index (which trails the
   * journal by its lag: see {@link InstanceSummary}). Fails with {@link
   * io.onex.engine.core.error.EngineUnavailableException} when the index cannot be read and with
   * {@link IllegalArgumentException} when the page token is not one this index gave.
   */
  CompletionStage<InstancePage> list(InstanceQuery query);

  /** How many instances of {@code workflowType} the index holds, per version and per status. */
  CompletionStage<InstanceCounts> counts(String workflowType);

  /** Operator controls: terminate, retry or skip an intent, migrate, terminate in bulk. */
  InstanceControls controls();

  /** Histories: pages of events, the state at any event, replays and the deploy gate. */
  WorkflowHistory history();
}
