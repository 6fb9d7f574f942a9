package io.onex.engine.cluster.internal;

import io.onex.engine.core.client.ActionOutcome;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.HistoryPage;
import io.onex.engine.core.client.InstanceHandle;
import io.onex.engine.core.client.InstanceView;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** An {@link InstanceHandle} on an instance hosted by Cluster Sharding. */
record ShardedInstanceHandle(String workflowType, String instanceId, InstanceClient client)
    implements InstanceHandle {

  ShardedInstanceHandle {
    Objects.requireNonNull(client, "client");
  }

  @Override
  public CompletionStage<InstanceView> get() {
    return client.get(workflowType, instanceId);
  }

  @Override
  public CompletionStage<ActionOutcome> send(ActionRequest request) {
    return client.send(workflowType, instanceId, request);
  }

  @Override
  public CompletionStage<HistoryPage> history(long fromSeq, int limit) {
    return client.history().page(workflowType, instanceId, fromSeq, limit);
  }

  @Override
  public CompletionStage<InstanceView> awaitEnd() {
    return client.awaitEnd(workflowType, instanceId, null);
  }

  @Override
  public CompletionStage<InstanceView> awaitEnd(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return client.awaitEnd(workflowType, instanceId, timeout);
  }
}
