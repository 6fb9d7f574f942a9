package io.onex.engine.persistence.internal;

import io.onex.engine.core.Action;
import java.util.concurrent.CompletionStage;

/**
 * Delivers an intent's outcome action to its instance wherever it lives (through Cluster Sharding
 * in a node). Completes when the instance answered, whatever the answer; fails when it could not be
 * reached, so the executor delivers again.
 */
@FunctionalInterface
public interface OutcomeSink {

  CompletionStage<Void> deliver(String workflowType, String instanceId, Action outcome);
}
