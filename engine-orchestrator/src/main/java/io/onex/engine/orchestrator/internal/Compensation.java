package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.orchestrator.OrchestrationState.Phase;
import io.onex.engine.orchestrator.OrchestrationState.StepStatus;
import io.onex.engine.orchestrator.StepSpec;
import io.onex.engine.orchestrator.internal.CompiledSpec.Step;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The saga part of one reducer call ({@link Progress}): once nothing runs, the latest completed
 * step with a compensation is undone, one at a time; when none is left the instance ends FAILED.
 */
final class Compensation {

  private final Progress p;

  Compensation(Progress progress) {
    this.p = progress;
  }

  /**
   * Once no step is running or compensating, compensates the latest completed step that has a
   * compensation; when none is left the instance ends FAILED.
   */
  void next() {
    boolean busy =
        p.state.steps().values().stream()
            .anyMatch(
                s -> s.status() == StepStatus.RUNNING || s.status() == StepStatus.COMPENSATING);
    if (busy) {
      return;
    }
    Optional<Step> next =
        p.spec.steps().values().stream()
            .filter(s -> s.spec().compensation() != null)
            .filter(s -> p.state.steps().get(s.name()).status() == StepStatus.COMPLETED)
            .max(Comparator.comparing(s -> p.state.steps().get(s.name()).completedAs()));
    if (next.isEmpty()) {
      // in the order they were undone: the latest completed first
      List<String> undone =
          p.state.stepsIn(StepStatus.COMPENSATED).stream()
              .sorted(
                  Comparator.comparing((String n) -> p.state.steps().get(n).completedAs())
                      .reversed())
              .toList();
      String why =
          p.state.failure()
              + (undone.isEmpty() ? "" : "; compensated " + String.join(", ", undone));
      p.state = p.state.withPhase(Phase.FAILED, why);
      return;
    }
    Step step = next.get();
    StepSpec.Compensation compensation = step.spec().compensation();
    JsonNode input;
    try {
      input = Expressions.render(compensation.input(), p.context(step));
    } catch (IllegalArgumentException e) {
      done(step, new IntentOutcome.Failed(step.name(), e.getMessage(), 0));
      next();
      return;
    }
    p.intents.add(
        p.intent(
            compensation.handler(),
            compensation.target(),
            input,
            step,
            compensation.metadata(),
            Map.of(CompiledSpec.COMPENSATION, "true")));
    p.state = p.state.withStep(step.name(), s -> s.withStatus(StepStatus.COMPENSATING));
    p.record(step, "COMPENSATING", compensation.handler() + " " + compensation.target());
  }

  void done(Step step, IntentOutcome outcome) {
    if (outcome instanceof IntentOutcome.Failed failure) {
      p.state =
          p.state.withStep(
              step.name(),
              s -> s.failed("compensation failed: " + failure.error(), p.context.now()));
      p.state =
          p.state.withPhase(
              p.state.phase(),
              p.state.failure()
                  + "; compensating '"
                  + step.name()
                  + "' failed: "
                  + failure.error());
      p.record(step, "COMPENSATION_FAILED", failure.error());
    } else {
      p.state = p.state.withStep(step.name(), s -> s.withStatus(StepStatus.COMPENSATED));
      p.record(step, "COMPENSATED", null);
    }
  }
}
