package io.onex.engine.persistence.internal;

import io.onex.engine.core.Intent;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.client.PendingIntentView;
import io.onex.engine.core.effect.IntentProgress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the executor reported of an instance's pending intents (attempts, next attempt, last error).
 * Not journaled: it starts empty on recovery, and an intent's entry goes with its outcome. Used
 * only on the instance's own thread.
 */
final class ExecutionProgress {

  private final Map<String, IntentProgress> byIntent = new HashMap<>();

  void record(IntentProgress progress) {
    byIntent.put(progress.intentId(), progress);
  }

  /** Forgets the progress of intents that are no longer pending in {@code instance}. */
  void forgetResolved(WorkflowInstance<?> instance) {
    byIntent.keySet().removeIf(intentId -> instance.pendingIntent(intentId).isEmpty());
  }

  /** The pending intents of {@code instance} with their progress so far. */
  List<PendingIntentView> pendingOf(WorkflowInstance<?> instance) {
    return instance.pendingIntents().stream().map(this::viewOf).toList();
  }

  private PendingIntentView viewOf(Intent intent) {
    IntentProgress news = byIntent.get(intent.intentId());
    return news == null
        ? PendingIntentView.of(intent, 0, null, null)
        : PendingIntentView.of(intent, news.attempts(), news.nextAttemptAt(), news.lastError());
  }
}
