package io.onex.engine.core.client;

import io.onex.engine.core.replay.ReplayReport;
import java.util.List;

/**
 * A deploy gate's answer: how many unfinished instances of a type were replayed against a
 * definition version, and the reports of those that would diverge.
 */
public record ReplayCheck(
    String workflowType, int definitionVersion, int checked, List<ReplayReport> diverging) {

  public ReplayCheck {
    diverging = List.copyOf(diverging);
  }

  /** Whether every checked instance agrees with the version. */
  public boolean passes() {
    return diverging.isEmpty();
  }
}
