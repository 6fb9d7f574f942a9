package io.onex.engine.samples.order;

import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.IntentPriority;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.Reducer;
import io.onex.engine.core.Rejection;
import io.onex.engine.core.RetryPolicy;
import io.onex.engine.core.Transition;
import io.onex.engine.samples.order.OrderAction.AddItem;
import io.onex.engine.samples.order.OrderAction.Cancel;
import io.onex.engine.samples.order.OrderAction.PlaceOrder;
import io.onex.engine.samples.order.OrderAction.RemoveItem;
import io.onex.engine.samples.order.OrderState.Phase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order's rules. An open order takes items and can be cancelled; placing it needs at least one
 * item. A placed order then runs by itself, one intent at a time: reserve the inventory, charge the
 * payment, ship. If the payment fails the reservation is released (compensation) and the order ends
 * FAILED with the reason; if it ships, it ends COMPLETED. Pure.
 */
public final class OrderReducer implements Reducer<OrderState, OrderAction> {

  /** Metadata key naming the step an intent performs. */
  public static final String STEP = "step";

  static final RetryPolicy SERVICE_RETRIES =
      new RetryPolicy(5, 200, 3_000, 2.0, 0.2, 10_000, List.of());

  @Override
  public Optional<Rejection> validate(OrderState state, OrderAction action, ReduceContext context) {
    String id = context.instanceId();
    if (state.phase() != Phase.OPEN) {
      return reject(
          "order-" + state.phase().name().toLowerCase(java.util.Locale.ROOT),
          "Expected order '"
              + id
              + "' to be open for "
              + name(action)
              + ", but it is "
              + state.phase());
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
      return Transition.to(state.withPhase(Phase.PLACED))
          .emit(
              step(
                  context,
                  "reserve",
                  "inventory",
                  "/reservations",
                  new Reservation(context.instanceId(), state.items())));
    }
    Cancel cancel = (Cancel) action;
    return Transition.to(state.withPhase(Phase.CANCELLED)).cancel(cancel.reason());
  }

  @Override
  public Transition<OrderState> onOutcome(
      OrderState state, Intent intent, IntentOutcome outcome, ReduceContext context) {
    String step = intent.metadata().getOrDefault(STEP, "");
    String orderId = context.instanceId();
    if (outcome instanceof IntentOutcome.Failed failed) {
      return switch (step) {
        case "charge" -> {
          String reason = "payment failed: " + failed.error();
          yield Transition.to(state.compensating(reason))
              .emit(
                  step(
                      context,
                      "release",
                      "inventory",
                      "/releases",
                      new Reservation(orderId, state.items())));
        }
        case "release" ->
            Transition.to(state.failed(state.failureReason()))
                .fail(
                    state.failureReason()
                        + "; releasing the reservation failed too: "
                        + failed.error());
        default -> {
          String reason = step + " failed: " + failed.error();
          yield Transition.to(state.failed(reason)).fail(reason);
        }
      };
    }
    return switch (step) {
      case "reserve" ->
          Transition.to(state.withPhase(Phase.RESERVED))
              .emit(
                  step(
                      context,
                      "charge",
                      "payment",
                      "/charges",
                      new Charge(orderId, state.customerId(), state.total())));
      case "charge" ->
          Transition.to(state.withPhase(Phase.PAID))
              .emit(
                  step(
                      context,
                      "ship",
                      "shipping",
                      "/shipments",
                      new Shipment(orderId, state.customerId(), state.items())));
      case "ship" -> Transition.to(state.withPhase(Phase.SHIPPED)).complete();
      case "release" ->
          Transition.to(state.failed(state.failureReason())).fail(state.failureReason());
      default -> Transition.to(state);
    };
  }

  private static Intent step(
      ReduceContext context, String step, String service, String path, Object payload) {
    return context
        .intent("http", service)
        .payload(payload)
        .priority(IntentPriority.HIGH)
        .retryPolicy(SERVICE_RETRIES)
        .metadata(Map.of(STEP, step, "path", path, "method", "POST"))
        .build();
  }

  private static Optional<Rejection> reject(String reason, String message) {
    return Optional.of(new Rejection(reason, message));
  }

  private static String name(OrderAction action) {
    return action.getClass().getSimpleName();
  }

  /** Payload asking the inventory service to reserve, or release, an order's items. */
  public record Reservation(String orderId, List<OrderState.LineItem> items) {}

  /** Payload asking the payment service to charge an order's total. */
  public record Charge(String orderId, String customerId, BigDecimal amount) {}

  /** Payload asking the shipping service to ship an order. */
  public record Shipment(String orderId, String customerId, List<OrderState.LineItem> items) {}
}
