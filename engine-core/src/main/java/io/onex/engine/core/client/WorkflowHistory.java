package io.onex.engine.core.client;

import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.replay.ReplayReport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Journaled histories, for operators and for the replay debugger: pages of an instance's events,
 * its state at any event, a replay against another definition version, and the deploy gate over
 * every unfinished instance of a type. Read-only: nothing here changes an instance. Thread-safe;
 * stages fail with {@code InstanceNotFoundException} for an instance that was never started and
 * {@code UnknownWorkflowTypeException} for a type or version that is not registered.
 */
public interface WorkflowHistory {

  /**
   * Up to {@code limit} journaled events of an instance from sequence number {@code fromSeq}; fails
   * with {@link IllegalArgumentException} unless both are at least 1.
   */
  CompletionStage<HistoryPage> page(
      String workflowType, String instanceId, long fromSeq, int limit);

  /** Every journaled event of the instance, in order, for export. */
  CompletionStage<List<WorkflowEvent>> export(String workflowType, String instanceId);

  /** The instance as it was right after event {@code sequence}, replayed with its versions. */
  CompletionStage<InstanceView> stateAt(String workflowType, String instanceId, long sequence);

  /** The instance's whole history replayed against {@code definitionVersion}. */
  CompletionStage<ReplayReport> replay(
      String workflowType, String instanceId, int definitionVersion);

  /** Every unfinished instance of the type replayed against {@code definitionVersion}. */
  CompletionStage<ReplayCheck> replayCheck(String workflowType, int definitionVersion);

  /** How many instances each registered version of the type has started. */
  CompletionStage<Map<Integer, Long>> instancesByVersion(String workflowType);
}
