package io.onex.engine.samples.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An order: its customer, its phase, its lines and their total, and why it failed if it did.
 * Immutable.
 */
public record OrderState(
    String customerId, Phase phase, List<LineItem> items, BigDecimal total, String failureReason) {

  /** Where the order stands. */
  public enum Phase {
    /** Taking items. */
    OPEN,
    /** Placed; the inventory is being reserved. */
    PLACED,
    /** Inventory reserved; the payment is being charged. */
    RESERVED,
    /** Paid; the order is being shipped. */
    PAID,
    /** Shipped: done. */
    SHIPPED,
    /** The payment failed; the reservation is being released. */
    COMPENSATING,
    /** The order could not be fulfilled; {@code failureReason} says why. */
    FAILED,
    /** Cancelled while open. */
    CANCELLED
  }

  /** One line of the order. */
  public record LineItem(String sku, int quantity, BigDecimal unitPrice) {

    BigDecimal amount() {
      return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
  }

  public OrderState {
    items = List.copyOf(items);
  }

  /** A new, empty order of {@code customerId}. */
  public static OrderState open(String customerId) {
    return new OrderState(customerId, Phase.OPEN, List.of(), BigDecimal.ZERO, null);
  }

  OrderState withItems(List<LineItem> newItems) {
    BigDecimal newTotal =
        newItems.stream().map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new OrderState(customerId, phase, newItems, newTotal, failureReason);
  }

  OrderState withPhase(Phase newPhase) {
    return new OrderState(customerId, newPhase, items, total, failureReason);
  }

  OrderState failed(String reason) {
    return new OrderState(customerId, Phase.FAILED, items, total, reason);
  }

  OrderState compensating(String reason) {
    return new OrderState(customerId, Phase.COMPENSATING, items, total, reason);
  }

  OrderState plus(String sku, int quantity, BigDecimal unitPrice) {
    List<LineItem> lines = new ArrayList<>();
    boolean merged = false;
    for (LineItem line : items) {
      if (line.sku().equals(sku)) {
        lines.add(new LineItem(sku, line.quantity() + quantity, unitPrice));
        merged = true;
      } else {
        lines.add(line);
      }
    }
    if (!merged) {
      lines.add(new LineItem(sku, quantity, unitPrice));
    }
    return withItems(lines);
  }

  OrderState without(String sku) {
    return withItems(items.stream().filter(line -> !line.sku().equals(sku)).toList());
  }

  boolean contains(String sku) {
    return items.stream().anyMatch(line -> line.sku().equals(sku));
  }
}
