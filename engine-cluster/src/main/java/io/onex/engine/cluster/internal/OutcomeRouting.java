package io.onex.engine.cluster.internal;

import io.onex.engine.core.Action;
import io.onex.engine.core.effect.IntentProgress;
import io.onex.engine.effects.IntentReports;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceReply;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The closing link of the intent loop: routes the executor's reports to the instance that emitted
 * the intent, wherever in the cluster it lives (through Cluster Sharding, which starts it if it is
 * not running). An outcome is asked, so the executor knows when the instance has taken it; progress
 * is told.
 */
final class OutcomeRouting implements IntentReports {

  private final InstanceShards shards;
  private final Duration askTimeout;
  private final Executor executor;

  OutcomeRouting(InstanceShards shards, Duration askTimeout, Executor executor) {
    this.shards = shards;
    this.askTimeout = askTimeout;
    this.executor = executor;
  }

  @Override
  public void progress(String workflowType, String instanceId, IntentProgress progress) {
    shards.entityRef(workflowType, instanceId).tell(new InstanceCommand.ReportProgress(progress));
  }

  @Override
  public CompletionStage<Void> deliver(String workflowType, String instanceId, Action outcome) {
    return shards
        .entityRef(workflowType, instanceId)
        .<InstanceReply>ask(replyTo -> new InstanceCommand.Apply(outcome, replyTo), askTimeout)
        .thenApplyAsync(reply -> null, executor);
  }
}
