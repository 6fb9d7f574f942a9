package io.onex.engine.samples.order;

import io.onex.engine.core.IntentPriority;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.Reducer;
import io.onex.engine.core.Rejection;
import io.onex.engine.core.Transition;
import io.onex.engine.samples.order.OrderAction.AddItem;
import io.onex.engine.samples.order.OrderAction.Cancel;
import io.onex.engine.samples.order.OrderAction.PlaceOrder;
import io.onex.engine.samples.order.OrderAction.RemoveItem;
import io.onex.engine.samples.order.OrderState.Phase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The order's rules. An open order takes items; placing it needs at least one item and asks, as
 * intents, for the inventory to be reserved and the payment charged; a placed or cancelled order
 * takes no more items. Pure.
 */
public final class OrderReducer implements Reducer<OrderState, OrderAction> {

  @Override
  public Optional<Rejection> validate(OrderState state, OrderAction action, ReduceContext context) {
    String id = context.instanceId();
    if (state.phase() == Phase.CANCELLED) {
      return reject(
          "order-cancelled", "Expected order '" + id + "' to be open, but it is cancelled");
    }
    if (state.phase() == Phase.PLACED && !(action instanceof Cancel)) {
      return reject(
          "order-placed",
          "Expected order '" + id + "' to be open for " + name(action) + ", but it was placed");
    }
    if (action instanceof RemoveItem remove && !state.contains(remove.sku())) {
      return reject(
          "item-not-in-order",
          "Expected order '" + id + "' to contain sku '" + remove.sku() + "', but it does not");
    }
    if (action instanceof PlaceOrder && state.items().isEmpty()) {
      return reject("order-empty", "Expected to place order '" + id + "', but it has no items");
    }
    return Optional.empty();
  }

  @Override
  public Transition<OrderState> reduce(
      OrderState state, OrderAction action, ReduceContext context) {
    if (action instanceof AddItem add) {
      return Transition.to(state.plus(add.sku(), add.quantity(), add.unitPrice()));
    }
    if (action instanceof RemoveItem remove) {
      return Transition.to(state.without(remove.sku()));
    }
    if (action instanceof PlaceOrder) {
      return place(state, context);
    }
    Cancel cancel = (Cancel) action;
    return Transition.to(state.withPhase(Phase.CANCELLED)).cancel(cancel.reason());
  }

  private static Transition<OrderState> place(OrderState state, ReduceContext context) {
    var reserve =
        context
            .intent("http", "inventory")
            .payload(new ReserveInventory(context.instanceId(), state.items()))
            .priority(IntentPriority.HIGH)
            .build();
    var charge =
        context
            .intent("http", "payment")
            .payload(new ChargePayment(context.instanceId(), state.customerId(), state.total()))
            .priority(IntentPriority.HIGH)
            .build();
    return Transition.to(state.withPhase(Phase.PLACED)).emit(reserve, charge);
  }

  private static Optional<Rejection> reject(String reason, String message) {
    return Optional.of(new Rejection(reason, message));
  }

  private static String name(OrderAction action) {
    return action.getClass().getSimpleName();
  }

  /** Payload of the intent asking the inventory service to reserve an order's items. */
  public record ReserveInventory(String orderId, List<OrderState.LineItem> items) {}

  /** Payload of the intent asking the payment service to charge an order's total. */
  public record ChargePayment(String orderId, String customerId, BigDecimal amount) {}
}
