package io.onex.engine.effects;

import io.onex.engine.core.Action;
import io.onex.engine.core.effect.IntentProgress;
import java.util.concurrent.CompletionStage;

/**
 * The return path of the intent loop: where the executor reports what became of the intents it
 * carries out, addressed by the instance that emitted them. The node implements it by routing each
 * report to the instance wherever it lives; the executor knows nothing of instances.
 *
 * <p>Implementations must be thread-safe and must not block.
 */
public interface IntentReports {

  /** An attempt failed and another is due: for the instance's view only, at most once. */
  void progress(String workflowType, String instanceId, IntentProgress progress);

  /**
   * Hands the instance the action reporting an intent's outcome ({@code IntentSucceeded} or {@code
   * IntentFailed}, caused by the intent). Completes once the instance answered, whatever it
   * answered (a repeated outcome is refused as not pending, which is fine); fails when the instance
   * could not be reached, and the executor tries again.
   */
  CompletionStage<Void> deliver(String workflowType, String instanceId, Action outcome);
}
