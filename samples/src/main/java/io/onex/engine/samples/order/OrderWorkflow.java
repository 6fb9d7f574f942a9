package io.onex.engine.samples.order;

import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.samples.JsonSchemas;
import io.onex.engine.samples.order.OrderAction.AddItem;
import io.onex.engine.samples.order.OrderAction.Cancel;
import io.onex.engine.samples.order.OrderAction.PlaceOrder;
import io.onex.engine.samples.order.OrderAction.RemoveItem;

/** The {@code order} workflow type, version 1. */
public final class OrderWorkflow {

  /** The workflow type's name. */
  public static final String TYPE = "order";

  private OrderWorkflow() {}

  public static WorkflowDefinition<OrderState, OrderAction> definition() {
    return WorkflowDefinition.<OrderState, OrderAction>builder(TYPE, 1)
        .description(
            "Order processing: add items, place the order; it then reserves inventory, charges"
                + " the payment and ships, releasing the reservation if the payment fails")
        .state(OrderState.class, JsonSchemas.parse(STATE_SCHEMA))
        .start(
            OrderStart.class,
            JsonSchemas.parse(START_SCHEMA),
            (input, context) -> OrderState.open(input.customerId()))
        .action("AddItem", AddItem.class, JsonSchemas.parse(ADD_ITEM_SCHEMA))
        .action("RemoveItem", RemoveItem.class, JsonSchemas.parse(REMOVE_ITEM_SCHEMA))
        .action("PlaceOrder", PlaceOrder.class, JsonSchemas.parse(JsonSchemas.NO_PAYLOAD))
        .action("Cancel", Cancel.class, JsonSchemas.parse(JsonSchemas.REASON_ONLY))
        .searchAttribute("customerId", "/customerId")
        .reducer(new OrderReducer())
        .build();
  }

  private static final String START_SCHEMA =
      """
      {"type": "object",
       "properties": {"customerId": {"type": "string", "minLength": 1, "maxLength": 200}},
       "required": ["customerId"], "additionalProperties": false}
      """;

  private static final String ADD_ITEM_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "sku": {"type": "string", "minLength": 1, "maxLength": 100},
         "quantity": {"type": "integer", "exclusiveMinimum": 0},
         "unitPrice": {"type": "number", "minimum": 0}},
       "required": ["sku", "quantity", "unitPrice"], "additionalProperties": false}
      """;

  private static final String REMOVE_ITEM_SCHEMA =
      """
      {"type": "object",
       "properties": {"sku": {"type": "string", "minLength": 1, "maxLength": 100}},
       "required": ["sku"], "additionalProperties": false}
      """;

  private static final String STATE_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "customerId": {"type": "string"},
         "phase": {"enum": ["OPEN", "PLACED", "RESERVED", "PAID", "SHIPPED", "COMPENSATING",
                            "FAILED", "CANCELLED"]},
         "items": {"type": "array", "items": {"type": "object",
           "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer"},
                          "unitPrice": {"type": "number"}}}},
         "total": {"type": "number"},
         "failureReason": {"type": ["string", "null"]}},
       "required": ["customerId", "phase", "items", "total"]}
      """;
}
