package io.onex.engine.benchmarks;

import io.onex.engine.persistence.EngineSerializable;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The baseline of the workflows scenario: the sample order's steps written by hand as a bare {@code
 * EventSourcedBehavior}. Start, AddItem and PlaceOrder are journaled and answered one by one; then
 * reserve, charge and ship each run as an in-process completed future piped to the entity and are
 * journaled as their own event; PlaceOrder is answered once the order shipped.
 */
final class RawOrder
    extends EventSourcedBehaviorWithEnforcedReplies<
        RawOrder.Command, RawOrder.Event, RawOrder.State> {

  /** What the entity is told. */
  sealed interface Command extends EngineSerializable {}

  /** Open the order. */
  record Start(String customerId, ActorRef<Done> replyTo) implements Command {}

  /** Add an item to the open order. */
  record AddItem(String sku, int quantity, double unitPrice, ActorRef<Done> replyTo)
      implements Command {}

  /** Place the order; answered once it shipped. */
  record PlaceOrder(ActorRef<Done> replyTo) implements Command {}

  /** A step's (in-process) call has answered. */
  record StepAnswered(String step) implements Command {}

  /** What the entity journals. */
  sealed interface Event extends EngineSerializable {}

  /** The order was opened. */
  record Started(String customerId) implements Event {}

  /** An item was added. */
  record ItemAdded(String sku, int quantity, double unitPrice) implements Event {}

  /** The order was placed. */
  record Placed() implements Event {}

  /** A step completed: reserve, charge or ship. */
  record StepCompleted(String step) implements Event {}

  /** The order's state: how many items and which step it is at. */
  record State(String customerId, int items, String step) {}

  private final ActorContext<Command> context;
  private ActorRef<Done> awaitingShipment;

  private RawOrder(ActorContext<Command> context, String id) {
    super(PersistenceId.of("raw-order", id));
    this.context = context;
  }

  static Behavior<Command> create(String id) {
    return Behaviors.setup(context -> new RawOrder(context, id));
  }

  @Override
  public State emptyState() {
    return new State(null, 0, "new");
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Start.class,
            (state, start) ->
                Effect()
                    .persist(new Started(start.customerId()))
                    .thenReply(start.replyTo(), after -> Done.getInstance()))
        .onCommand(
            AddItem.class,
            (state, add) ->
                Effect()
                    .persist(new ItemAdded(add.sku(), add.quantity(), add.unitPrice()))
                    .thenReply(add.replyTo(), after -> Done.getInstance()))
        .onCommand(PlaceOrder.class, this::onPlace)
        .onCommand(StepAnswered.class, this::onStepAnswered)
        .build();
  }

  private ReplyEffect<Event, State> onPlace(State state, PlaceOrder place) {
    awaitingShipment = place.replyTo();
    return Effect().persist(new Placed()).thenRun(after -> call("reserve")).thenNoReply();
  }

  private ReplyEffect<Event, State> onStepAnswered(State state, StepAnswered answered) {
    String next =
        switch (answered.step()) {
          case "reserve" -> "charge";
          case "charge" -> "ship";
          default -> null;
        };
    return Effect()
        .persist(new StepCompleted(answered.step()))
        .thenRun(
            after -> {
              if (next != null) {
                call(next);
              } else {
                awaitingShipment.tell(Done.getInstance());
              }
            })
        .thenNoReply();
  }

  private void call(String step) {
    context.pipeToSelf(
        CompletableFuture.completedFuture(step), (answer, error) -> new StepAnswered(answer));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Started.class, (state, started) -> new State(started.customerId(), 0, "open"))
        .onEvent(
            ItemAdded.class,
            (state, added) -> new State(state.customerId(), state.items() + 1, state.step()))
        .onEvent(
            Placed.class, (state, placed) -> new State(state.customerId(), state.items(), "placed"))
        .onEvent(
            StepCompleted.class,
            (state, completed) -> new State(state.customerId(), state.items(), completed.step()))
        .build();
  }
}
