package io.onex.engine.samples.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentPriority;
import io.onex.engine.core.testing.Scenario;
import io.onex.engine.samples.order.OrderState.LineItem;
import io.onex.engine.samples.order.OrderState.Phase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderReducerTest {

  private Scenario<OrderState, OrderAction> order;

  @BeforeEach
  void openOrder() {
    order =
        Scenario.of(OrderWorkflow.definition(), "o-17").givenStarted(Map.of("customerId", "alice"));
  }

  private static Map<String, Object> item(String sku, int quantity, String unitPrice) {
    return Map.of("sku", sku, "quantity", quantity, "unitPrice", new BigDecimal(unitPrice));
  }

  @Nested
  class WhileOpen {

    @Test
    void shouldAddLinesAndKeepTheTotalWhenItemsAreAdded() {
      order.given("AddItem", item("book", 2, "12.50"));

      order
          .when("AddItem", item("pen", 3, "1.00"))
          .expectStatus(InstanceStatus.RUNNING)
          .expectState(
              new OrderState(
                  "alice",
                  Phase.OPEN,
                  List.of(
                      new LineItem("book", 2, new BigDecimal("12.50")),
                      new LineItem("pen", 3, new BigDecimal("1.00"))),
                  new BigDecimal("28.00")));
    }

    @Test
    void shouldMergeTheQuantityWhenTheSameSkuIsAddedAgain() {
      order.given("AddItem", item("book", 2, "10"));

      OrderState state = order.when("AddItem", item("book", 1, "10")).state();

      assertThat(state.items())
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.sku()).isEqualTo("book");
                assertThat(line.quantity()).isEqualTo(3);
                assertThat(line.unitPrice()).isEqualByComparingTo("10");
              });
      assertThat(state.total()).isEqualByComparingTo("30");
    }

    @Test
    void shouldDropTheLineWhenAnItemIsRemoved() {
      order.given("AddItem", item("book", 2, "10")).given("AddItem", item("pen", 1, "2"));

      OrderState state = order.when("RemoveItem", Map.of("sku", "book")).state();

      assertThat(state.items()).extracting(LineItem::sku).containsExactly("pen");
      assertThat(state.total()).isEqualByComparingTo("2");
    }

    @Test
    void shouldRejectRemovingAnItemThatIsNotInTheOrder() {
      order.when("RemoveItem", Map.of("sku", "ghost")).expectRejected("item-not-in-order");
    }

    @Test
    void shouldRejectPlacingAnEmptyOrder() {
      var rejected = order.when("PlaceOrder", Map.of()).expectRejected("order-empty");

      assertThat(rejected).hasMessage("Expected to place order 'o-17', but it has no items");
    }
  }

  @Nested
  class Placing {

    @Test
    void shouldAskForReservationAndChargeWhenPlaced() {
      order.given("AddItem", item("book", 2, "12.50"));

      var placed = order.when("PlaceOrder", Map.of());

      assertThat(placed.state().phase()).isEqualTo(Phase.PLACED);
      List<Intent> intents = placed.intents();
      assertThat(intents).extracting(Intent::target).containsExactly("inventory", "payment");
      assertThat(intents).extracting(Intent::priority).containsOnly(IntentPriority.HIGH);
      assertThat(intents.get(1).payload().get("amount").decimalValue())
          .isEqualByComparingTo("25.00");
      assertThat(intents.get(1).payload().get("customerId").asText()).isEqualTo("alice");
      assertThat(intents.get(0).payload().get("items")).hasSize(1);
    }

    @Test
    void shouldRejectAddingItemsAfterPlacing() {
      order.given("AddItem", item("book", 1, "1")).given("PlaceOrder", Map.of());

      order.when("AddItem", item("pen", 1, "1")).expectRejected("order-placed");
    }

    @Test
    void shouldCancelWithTheReasonEvenWhenPlaced() {
      order.given("AddItem", item("book", 1, "1")).given("PlaceOrder", Map.of());

      var cancelled = order.when("Cancel", Map.of("reason", "changed my mind"));

      cancelled.expectStatus(InstanceStatus.CANCELLED);
      assertThat(cancelled.applied().instance().statusReason()).isEqualTo("changed my mind");
      assertThat(cancelled.state().phase()).isEqualTo(Phase.CANCELLED);
    }
  }
}
