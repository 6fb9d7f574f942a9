package io.onex.engine.gateway.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.Reducer;
import io.onex.engine.core.Transition;
import io.onex.engine.core.WorkflowDefinition;
import java.util.Map;

/**
 * A chore for operator-control tests: {@code Do} emits a compute intent to a function no node
 * registers, so it fails at once; a failure leaves the chore open (counted), a success completes
 * it.
 */
public final class ChoreWorkflow {

  public static final String TYPE = "chore";

  private ChoreWorkflow() {}

  /** The chore's actions. */
  public sealed interface ChoreAction {}

  public record Do() implements ChoreAction {}

  public record ChoreStart() {}

  public record Chore(int failures) {}

  public static WorkflowDefinition<Chore, ChoreAction> definition() {
    var anyObject = JsonNodeFactory.instance.objectNode().put("type", "object");
    return WorkflowDefinition.<Chore, ChoreAction>builder(TYPE, 1)
        .state(Chore.class, anyObject)
        .start(ChoreStart.class, anyObject, (input, context) -> new Chore(0))
        .action("Do", Do.class, anyObject)
        .reducer(new ChoreReducer())
        .build();
  }

  private static final class ChoreReducer implements Reducer<Chore, ChoreAction> {

    @Override
    public Transition<Chore> reduce(Chore state, ChoreAction action, ReduceContext context) {
      return Transition.to(state)
          .emit(context.intent("compute", "nobody-computes-this").payload(Map.of()).build());
    }

    @Override
    public Transition<Chore> onOutcome(
        Chore state, Intent intent, IntentOutcome outcome, ReduceContext context) {
      return outcome instanceof IntentOutcome.Succeeded
          ? Transition.to(state).complete()
          : Transition.to(new Chore(state.failures() + 1));
    }
  }
}
