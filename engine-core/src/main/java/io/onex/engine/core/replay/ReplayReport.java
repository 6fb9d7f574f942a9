package io.onex.engine.core.replay;

import java.util.List;

/**
 * The result of replaying one instance's history against a definition version: a check per event
 * and the first divergence, if any.
 */
public record ReplayReport(
    String workflowType,
    String instanceId,
    int definitionVersion,
    List<EventCheck> events,
    Divergence firstDivergence) {

  public ReplayReport {
    events = List.copyOf(events);
  }

  /** Whether the version agrees with every event. */
  public boolean agrees() {
    return firstDivergence == null;
  }
}
