package io.onex.engine.persistence.internal;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowEvent;
import java.util.List;
import java.util.Map;

/**
 * What the instance index records of one instance after some of its events, folded in sequence
 * order. A row folded without the start event knows nothing of the start ({@code startedAt} and
 * {@code correlationId} are null) and can only advance a row the index already has.
 *
 * @param attributes the search attributes after the latest event; null when no folded event
 *     recorded any (the index keeps what it had)
 */
@InternalApi
public record IndexRow(
    String workflowType,
    String instanceId,
    InstanceStatus status,
    int version,
    Long startedAt,
    long updatedAt,
    long lastSequence,
    String correlationId,
    int pendingIntents,
    String failureReason,
    Map<String, String> attributes) {

  /** The row that {@code events} of one instance, in sequence order, leave. */
  public static IndexRow fold(List<WorkflowEvent> events) {
    IndexRow row = null;
    for (WorkflowEvent event : events) {
      row = row == null ? of(event) : row.after(event);
    }
    if (row == null) {
      throw new IllegalArgumentException("Expected at least one event to fold");
    }
    return row;
  }

  /** Whether this row holds the start, so it can create the instance's index entry. */
  public boolean isComplete() {
    return startedAt != null;
  }

  private static IndexRow of(WorkflowEvent event) {
    boolean start = event.isStart();
    return new IndexRow(
        event.workflowType(),
        event.instanceId(),
        event.status(),
        event.definitionVersion(),
        start ? event.timestamp().toEpochMilli() : null,
        event.timestamp().toEpochMilli(),
        event.sequence(),
        start ? event.correlationId() : null,
        pendingAfter(event, 0),
        failureReason(event),
        event.searchAttributes().isEmpty() ? null : event.searchAttributes());
  }

  private IndexRow after(WorkflowEvent event) {
    if (event.sequence() <= lastSequence) {
      return this;
    }
    return new IndexRow(
        workflowType,
        instanceId,
        event.status(),
        event.definitionVersion(),
        startedAt,
        event.timestamp().toEpochMilli(),
        event.sequence(),
        correlationId,
        pendingAfter(event, pendingIntents),
        failureReason(event),
        event.searchAttributes().isEmpty() ? attributes : event.searchAttributes());
  }

  /**
   * The instance's pending intents after {@code event}: as recorded, or, for events written before
   * the engine recorded it, counted from the intents emitted and the outcome resolved.
   */
  private static int pendingAfter(WorkflowEvent event, int before) {
    if (event.pendingIntents() != null) {
      return event.pendingIntents();
    }
    if (event.status().isFinal()) {
      return 0;
    }
    int resolved = IntentOutcome.isOutcome(event.action().type()) ? 1 : 0;
    return Math.max(0, before + event.intents().size() - resolved);
  }

  private static String failureReason(WorkflowEvent event) {
    return event.status() == InstanceStatus.FAILED || event.status() == InstanceStatus.CANCELLED
        ? event.statusReason()
        : null;
  }
}
