package io.onex.engine.core.client;

import io.onex.engine.core.WorkflowEvent;
import java.util.List;

/**
 * A page of an instance's journaled events in sequence order; {@code nextFromSeq} is where the next
 * page starts, or {@code null} when this page holds the last event.
 */
public record HistoryPage(List<WorkflowEvent> events, Long nextFromSeq) {

  public HistoryPage {
    events = List.copyOf(events);
  }
}
