package io.onex.engine.samples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.client.InstanceHandle;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.client.WorkflowClient;
import io.onex.engine.samples.order.OrderAction.AddItem;
import io.onex.engine.samples.order.OrderAction.PlaceOrder;
import io.onex.engine.samples.order.OrderStart;
import io.onex.engine.samples.order.OrderState;
import io.onex.engine.samples.order.OrderWorkflow;
import io.onex.engine.samples.services.SampleServices;
import java.math.BigDecimal;

/**
 * Embedding the engine in a JVM service: no HTTP gateway, no cluster knowledge. Starts the sample
 * services and an engine on the embedded journal, places one order through the engine's client and
 * waits for its end on the order's handle: the handle is told when the order's last event is
 * journaled, nothing polls.
 */
public final class EmbeddedOrderExample {

  private EmbeddedOrderExample() {}

  /** Places an order for {@code customerId} with one item; returns the order's handle. */
  public static InstanceHandle placeOrder(
      WorkflowClient client, String orderId, String customerId) {
    client
        .start(OrderWorkflow.TYPE, StartRequest.of(orderId, new OrderStart(customerId)))
        .toCompletableFuture()
        .join();
    InstanceHandle order = client.instance(OrderWorkflow.TYPE, orderId);
    order
        .send("AddItem", new AddItem("book", 2, new BigDecimal("12.5")))
        .toCompletableFuture()
        .join();
    order.send("PlaceOrder", new PlaceOrder()).toCompletableFuture().join();
    return order;
  }

  public static void main(String[] args) {
    Config config = ConfigFactory.load();
    try (SampleServices services = SampleServices.start(config);
        WorkflowEngine engine =
            WorkflowEngine.create(services.targets().withFallback(config), Samples.registry())) {
      String orderId = args.length > 0 ? args[0] : "example-" + System.currentTimeMillis();
      InstanceHandle order = placeOrder(engine.client(), orderId, "alice");
      InstanceView placed = order.get().toCompletableFuture().join();
      System.out.println("Order " + orderId + " is " + placed.stateAs(OrderState.class).phase());
      InstanceView ended = order.awaitEnd().toCompletableFuture().join();
      OrderState state = ended.stateAs(OrderState.class);
      System.out.println(
          "Order "
              + orderId
              + " is "
              + ended.status()
              + " ("
              + state.phase()
              + ") with total "
              + state.total()
              + " after "
              + ended.sequence()
              + " events");
    }
  }
}
