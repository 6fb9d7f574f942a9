package io.onex.engine.cluster.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.Reducer;
import io.onex.engine.core.Transition;
import io.onex.engine.core.WorkflowDefinition;

/**
 * A support ticket for read-side tests: it starts PENDING for a customer; {@code Open} makes it
 * RUNNING, {@code Close} COMPLETED, {@code Reject} FAILED and {@code Drop} CANCELLED. Its search
 * attribute {@code customer} is the state's customer.
 */
public final class TicketWorkflow {

  private TicketWorkflow() {}

  /** The ticket's actions. */
  public sealed interface TicketAction {}

  public record Open() implements TicketAction {}

  public record Close() implements TicketAction {}

  public record Reject() implements TicketAction {}

  public record Drop() implements TicketAction {}

  public record TicketStart(String customer) {}

  public record Ticket(String customer, int changes) {}

  /** Version {@code version} of workflow type {@code type}. */
  public static WorkflowDefinition<Ticket, TicketAction> definition(String type, int version) {
    var anyObject = JsonNodeFactory.instance.objectNode().put("type", "object");
    return WorkflowDefinition.<Ticket, TicketAction>builder(type, version)
        .state(Ticket.class, anyObject)
        .start(TicketStart.class, anyObject, (input, context) -> new Ticket(input.customer(), 0))
        .action("Open", Open.class, anyObject)
        .action("Close", Close.class, anyObject)
        .action("Reject", Reject.class, anyObject)
        .action("Drop", Drop.class, anyObject)
        .searchAttribute("customer", "/customer")
        .reducer(new TicketReducer())
        .build();
  }

  private static final class TicketReducer implements Reducer<Ticket, TicketAction> {

    @Override
    public Transition<Ticket> reduce(Ticket state, TicketAction action, ReduceContext context) {
      Ticket next = new Ticket(state.customer(), state.changes() + 1);
      if (action instanceof Close) {
        return Transition.to(next).complete();
      }
      if (action instanceof Reject) {
        return Transition.to(next).fail("rejected");
      }
      if (action instanceof Drop) {
        return Transition.to(next).cancel("dropped");
      }
      return Transition.to(next);
    }
  }
}
