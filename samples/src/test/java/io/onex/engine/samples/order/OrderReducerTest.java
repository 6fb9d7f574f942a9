package io.onex.engine.samples.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentPriority;
import io.onex.engine.samples.order.OrderState.LineItem;
import io.onex.engine.samples.order.OrderState.Phase;
import io.onex.engine.testkit.Scenario;
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

  private static String step(Intent intent) {
    return intent.metadata().get(OrderReducer.STEP);
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
                  new BigDecimal("28.00"),
                  null));
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

    @Test
    void shouldCancelWithTheReason() {
      var cancelled = order.when("Cancel", Map.of("reason", "changed my mind"));

      cancelled.expectStatus(InstanceStatus.CANCELLED);
      assertThat(cancelled.applied().instance().statusReason()).isEqualTo("changed my mind");
      assertThat(cancelled.state().phase()).isEqualTo(Phase.CANCELLED);
    }
  }

  @Nested
  class Fulfilling {

    @BeforeEach
    void place() {
      order.given("AddItem", item("book", 2, "12.50"));
    }

    @Test
    void shouldAskForTheReservationFirstWhenPlaced() {
      var placed = order.when("PlaceOrder", Map.of());

      assertThat(placed.state().phase()).isEqualTo(Phase.PLACED);
      Intent reserve = placed.intents().get(0);
      assertThat(placed.intents()).hasSize(1);
      assertThat(reserve.type()).isEqualTo("http");
      assertThat(reserve.target()).isEqualTo("inventory");
      assertThat(step(reserve)).isEqualTo("reserve");
      assertThat(reserve.priority()).isEqualTo(IntentPriority.HIGH);
      assertThat(reserve.payload().get("items")).hasSize(1);
    }

    @Test
    void shouldReserveChargeAndShipThenComplete() {
      order.when("PlaceOrder", Map.of());

      var reserved = order.whenSucceeded(order.pending().get(0), Map.of("reservationId", "re-1"));
      Intent charge = reserved.intents().get(0);
      assertThat(step(charge)).isEqualTo("charge");
      assertThat(charge.payload().get("amount").decimalValue()).isEqualByComparingTo("25");
      assertThat(charge.payload().get("customerId").asText()).isEqualTo("alice");

      var paid = order.whenSucceeded(charge, Map.of("chargeId", "ch-1"));
      Intent ship = paid.intents().get(0);
      assertThat(step(ship)).isEqualTo("ship");
      assertThat(paid.state().phase()).isEqualTo(Phase.PAID);

      var shipped = order.whenSucceeded(ship, Map.of("trackingNumber", "tr-1"));
      shipped.expectStatus(InstanceStatus.COMPLETED);
      assertThat(shipped.state().phase()).isEqualTo(Phase.SHIPPED);
      assertThat(order.pending()).isEmpty();
    }

    @Test
    void shouldReleaseTheReservationAndFailWhenThePaymentFails() {
      order.when("PlaceOrder", Map.of());
      Intent charge = order.whenSucceeded(order.pending().get(0), Map.of()).intents().get(0);

      var compensating = order.whenFailed(charge, "http-402: card declined");
      Intent release = compensating.intents().get(0);
      assertThat(step(release)).isEqualTo("release");
      assertThat(compensating.state().phase()).isEqualTo(Phase.COMPENSATING);
      assertThat(compensating.applied().instance().status()).isEqualTo(InstanceStatus.RUNNING);

      var failed = order.whenSucceeded(release, Map.of("released", true));
      failed.expectStatus(InstanceStatus.FAILED);
      assertThat(failed.applied().instance().statusReason())
          .isEqualTo("payment failed: http-402: card declined");
      assertThat(failed.state().phase()).isEqualTo(Phase.FAILED);
    }

    @Test
    void shouldFailWithoutChargingWhenTheReservationFails() {
      order.when("PlaceOrder", Map.of());

      var failed = order.whenFailed(order.pending().get(0), "out of stock");

      failed.expectStatus(InstanceStatus.FAILED);
      assertThat(failed.intents()).isEmpty();
      assertThat(failed.state().failureReason()).isEqualTo("reserve failed: out of stock");
    }

    @Test
    void shouldRejectChangesAndCancellationOncePlaced() {
      order.when("PlaceOrder", Map.of());

      order.when("AddItem", item("pen", 1, "1")).expectRejected("order-placed");
      order.when("Cancel", Map.of("reason", "too late")).expectRejected("order-placed");
    }

    @Test
    void shouldRecordARepeatedOutcomeOnlyOnce() {
      order.when("PlaceOrder", Map.of());
      Intent reserve = order.pending().get(0);
      order.whenSucceeded(reserve, Map.of());

      var repeated = order.whenSucceeded(reserve, Map.of());

      assertThat(repeated.error())
          .isInstanceOf(io.onex.engine.core.error.IntentNotPendingException.class);
    }
  }
}
