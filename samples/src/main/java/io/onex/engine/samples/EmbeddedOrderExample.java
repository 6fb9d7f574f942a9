package io.onex.engine.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.ActionRequest;
import io.onex.engine.cluster.StartRequest;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.internal.EngineJson;
import io.onex.engine.persistence.InstanceView;
import io.onex.engine.samples.order.OrderState;
import io.onex.engine.samples.order.OrderWorkflow;
import java.util.Map;

/**
 * Embedding the engine in a JVM service: no HTTP, no cluster knowledge. Starts an engine on the
 * embedded journal, runs one order through it and prints the result.
 */
public final class EmbeddedOrderExample {

  private EmbeddedOrderExample() {}

  /** Places an order for {@code customerId} with one item on {@code engine}. */
  public static InstanceView placeOrder(WorkflowEngine engine, String orderId, String customerId) {
    engine
        .start(OrderWorkflow.TYPE, StartRequest.of(orderId, json(Map.of("customerId", customerId))))
        .thenCompose(
            started ->
                engine.send(
                    OrderWorkflow.TYPE,
                    orderId,
                    ActionRequest.of(
                        "AddItem", json(Map.of("sku", "book", "quantity", 2, "unitPrice", 12.5)))))
        .thenCompose(
            added -> engine.send(OrderWorkflow.TYPE, orderId, ActionRequest.of("PlaceOrder", null)))
        .toCompletableFuture()
        .join();
    return engine.get(OrderWorkflow.TYPE, orderId).toCompletableFuture().join();
  }

  public static void main(String[] args) {
    try (WorkflowEngine engine = WorkflowEngine.create(ConfigFactory.load(), Samples.registry())) {
      String orderId = args.length > 0 ? args[0] : "example-" + System.currentTimeMillis();
      InstanceView order = placeOrder(engine, orderId, "alice");
      OrderState state = order.stateAs(OrderState.class);
      System.out.println(
          "Order "
              + orderId
              + " is "
              + state.phase()
              + " with total "
              + state.total()
              + " at sequence "
              + order.sequence());
    }
  }

  private static JsonNode json(Object value) {
    return EngineJson.mapper().valueToTree(value);
  }
}
