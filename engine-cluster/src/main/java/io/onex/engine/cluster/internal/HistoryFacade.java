package io.onex.engine.cluster.internal;

import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.HistoryPage;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.ReplayCheck;
import io.onex.engine.core.client.WorkflowHistory;
import io.onex.engine.core.replay.ReplayReport;
import io.onex.engine.persistence.HistoryInspector;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceReply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The node's {@link WorkflowHistory}: checks addresses, then reads the journal through the {@link
 * HistoryInspector}. A page is read only for an instance that exists (asked first), so that an
 * unknown instance gets {@code instance-not-found} rather than an empty page.
 */
final class HistoryFacade implements WorkflowHistory {

  private final HistoryInspector inspector;
  private final InstanceRequests requests;
  private final Executor executor;

  HistoryFacade(HistoryInspector inspector, InstanceRequests requests, Executor executor) {
    this.inspector = inspector;
    this.requests = requests;
    this.executor = executor;
  }

  @Override
  public CompletionStage<HistoryPage> page(
      String workflowType, String instanceId, long fromSeq, int limit) {
    if (fromSeq < 1 || limit < 1) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "Expected fromSeq >= 1 and limit >= 1, but got fromSeq="
                  + fromSeq
                  + " and limit="
                  + limit));
    }
    return onInstance(
        workflowType,
        instanceId,
        () ->
            requests
                .ask(
                    workflowType,
                    instanceId,
                    InstanceCommand.Get::new,
                    InstanceReply.Accepted::instance)
                .thenComposeAsync(
                    exists -> inspector.page(workflowType, instanceId, fromSeq, limit), executor));
  }

  @Override
  public CompletionStage<List<WorkflowEvent>> export(String workflowType, String instanceId) {
    return onInstance(workflowType, instanceId, () -> inspector.history(workflowType, instanceId));
  }

  @Override
  public CompletionStage<InstanceView> stateAt(
      String workflowType, String instanceId, long sequence) {
    return onInstance(
        workflowType, instanceId, () -> inspector.stateAt(workflowType, instanceId, sequence));
  }

  @Override
  public CompletionStage<ReplayReport> replay(
      String workflowType, String instanceId, int definitionVersion) {
    return onInstance(
        workflowType,
        instanceId,
        () -> inspector.replay(workflowType, instanceId, definitionVersion));
  }

  @Override
  public CompletionStage<ReplayCheck> replayCheck(String workflowType, int definitionVersion) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkType(workflowType);
          return inspector.replayCheck(workflowType, definitionVersion);
        });
  }

  @Override
  public CompletionStage<Map<Integer, Long>> instancesByVersion(String workflowType) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkType(workflowType);
          return inspector.instancesByVersion(workflowType);
        });
  }

  private <T> CompletionStage<T> onInstance(
      String workflowType, String instanceId, Supplier<CompletionStage<T>> call) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkAddress(workflowType, instanceId);
          return call.get();
        });
  }
}
