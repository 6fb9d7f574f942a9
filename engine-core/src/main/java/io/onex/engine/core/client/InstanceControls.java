package io.onex.engine.core.client;

import java.util.concurrent.CompletionStage;

/**
 * What an operator does to instances whatever their reducers: each control is journaled as an event
 * of the instance ({@link io.onex.engine.core.OperatorActions}), so the history says what was done
 * and why, and replays reproduce it. A control that cannot apply changes nothing and fails with a
 * {@link io.onex.engine.core.error.WorkflowException} that names why. Thread-safe.
 */
public interface InstanceControls {

  /**
   * Ends an unfinished instance as {@code CANCELLED} with {@code reason}: its pending intents are
   * abandoned and its timers cancelled, and no late outcome changes it. Fails with {@code
   * InstanceClosedException} if it has ended.
   */
  CompletionStage<InstanceView> terminate(String workflowType, String instanceId, String reason);

  /**
   * Hands intent {@code intentId}, which failed, to the executor again (keeping its idempotency
   * key); its outcome goes to the reducer as the first one did. The instance must be unfinished and
   * the intent's latest outcome a failure.
   */
  CompletionStage<ActionOutcome> retryIntent(
      String workflowType, String instanceId, String intentId, String reason);

  /**
   * Resolves pending intent {@code intentId} with the operator's outcome instead of its handler's;
   * a late outcome of the handler changes nothing. Fails with {@code IntentNotPendingException} if
   * it is not pending.
   */
  CompletionStage<ActionOutcome> skipIntent(
      String workflowType, String instanceId, String intentId, SkipRequest outcome);

  /**
   * Pins an unfinished instance, a diverged one included, to definition version {@code toVersion},
   * if that version replays the instance's whole history without divergence; fails with {@code
   * MigrationRefusedException} naming the first diverging event otherwise.
   */
  CompletionStage<InstanceView> migrate(String workflowType, String instanceId, int toVersion);

  /**
   * Erases an ended instance from the journal database: its events, snapshots and index entry, with
   * nothing kept (for data-protection requests; retention exports first). Its id can then be
   * started again. Fails with {@code InstanceNotEndedException} if it has not ended.
   */
  CompletionStage<Void> erase(String workflowType, String instanceId);

  /**
   * Terminates every unfinished instance {@code query} matches (every page of it), or with {@code
   * dryRun} only lists them.
   */
  CompletionStage<BulkTermination> terminateAll(InstanceQuery query, String reason, boolean dryRun);

  /**
   * These controls acting on behalf of {@code principal}: every operator action they apply records
   * it in its metadata ({@link io.onex.engine.core.Action#PRINCIPAL_METADATA}), so the history says
   * who terminated, retried, skipped or migrated. The same controls by default.
   */
  default InstanceControls onBehalfOf(String principal) {
    return this;
  }
}
