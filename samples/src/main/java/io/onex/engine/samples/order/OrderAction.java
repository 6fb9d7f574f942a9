package io.onex.engine.samples.order;

import java.math.BigDecimal;

/** The actions an order accepts. */
public sealed interface OrderAction {

  /** Adds {@code quantity} of {@code sku} at {@code unitPrice}; adds to an existing line. */
  record AddItem(String sku, int quantity, BigDecimal unitPrice) implements OrderAction {}

  /** Removes the line of {@code sku}. */
  record RemoveItem(String sku) implements OrderAction {}

  /** Places the order: no more changes, inventory and payment are requested. */
  record PlaceOrder() implements OrderAction {}

  /** Cancels the order for {@code reason}. */
  record Cancel(String reason) implements OrderAction {}
}
