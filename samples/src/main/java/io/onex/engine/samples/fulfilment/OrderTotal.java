package io.onex.engine.samples.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.effect.ComputeFunction;
import io.onex.engine.core.json.EngineJson;
import java.math.BigDecimal;

/**
 * The compute function {@code order-total} of the {@code fulfilment} spec's {@code price} step:
 * {@code {"items": [{"quantity", "unitPrice"}]}} to {@code {"total"}}, the sum of quantity times
 * unit price, exact in decimal. Pure.
 */
public final class OrderTotal implements ComputeFunction {

  /** The name the spec's price step targets. */
  public static final String NAME = "order-total";

  @Override
  public JsonNode apply(JsonNode input) {
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode item : input.path("items")) {
      total =
          total.add(
              item.path("unitPrice")
                  .decimalValue()
                  .multiply(BigDecimal.valueOf(item.path("quantity").asLong())));
    }
    return EngineJson.mapper().createObjectNode().put("total", total);
  }
}
