package io.onex.engine.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.ActionRequest;
import io.onex.engine.cluster.StartRequest;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.internal.EngineJson;
import io.onex.engine.persistence.InstanceView;
import io.onex.engine.samples.order.OrderState;
import io.onex.engine.samples.order.OrderWorkflow;
import io.onex.engine.samples.services.SampleServices;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Embedding the engine in a JVM service: no HTTP gateway, no cluster knowledge. Starts the sample
 * services and an engine on the embedded journal, places one order and prints it once it has run to
 * its end.
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

  /** Completes with the order once it has ended (completed, failed or cancelled). */
  public static CompletionStage<InstanceView> whenEnded(WorkflowEngine engine, String orderId) {
    return engine
        .get(OrderWorkflow.TYPE, orderId)
        .thenCompose(
            order ->
                order.status().isFinal()
                    ? CompletableFuture.completedFuture(order)
                    : CompletableFuture.supplyAsync(
                            () -> orderId,
                            CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))
                        .thenCompose(id -> whenEnded(engine, id)));
  }

  public static void main(String[] args) {
    Config config = ConfigFactory.load();
    try (SampleServices services = SampleServices.start(config);
        WorkflowEngine engine =
            WorkflowEngine.create(services.targets().withFallback(config), Samples.registry())) {
      String orderId = args.length > 0 ? args[0] : "example-" + System.currentTimeMillis();
      InstanceView placed = placeOrder(engine, orderId, "alice");
      System.out.println("Order " + orderId + " is " + placed.stateAs(OrderState.class).phase());
      InstanceView ended = whenEnded(engine, orderId).toCompletableFuture().join();
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

  private static JsonNode json(Object value) {
    return EngineJson.mapper().valueToTree(value);
  }
}
