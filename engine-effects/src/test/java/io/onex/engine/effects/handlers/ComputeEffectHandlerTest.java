package io.onex.engine.effects.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.Intent;
import io.onex.engine.core.effect.ComputeFunction;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.json.EngineJson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Compute functions, whole and in parallel chunks. */
class ComputeEffectHandlerTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Sums {@code items}; records how many chunks it saw. */
  private static final class Sum implements ComputeFunction {
    final Set<Integer> chunkSizes = ConcurrentHashMap.newKeySet();

    @Override
    public JsonNode apply(JsonNode input) {
      chunkSizes.add(input.get("items").size());
      long sum = 0;
      for (JsonNode item : input.get("items")) {
        sum += item.asLong();
      }
      return EngineJson.mapper().getNodeFactory().numberNode(sum);
    }

    @Override
    public boolean chunkable() {
      return true;
    }

    @Override
    public JsonNode combine(List<JsonNode> partials) {
      return EngineJson.mapper()
          .getNodeFactory()
          .numberNode(partials.stream().mapToLong(JsonNode::asLong).sum());
    }
  }

  private static EffectRequest request(int count) {
    var payload = EngineJson.mapper().createObjectNode();
    ArrayNode items = payload.putArray("items");
    for (int i = 1; i <= count; i++) {
      items.add(i);
    }
    Intent intent =
        new Intent("i-" + count, "compute", "sum", payload, null, null, null, "e", "f", null, null);
    return new EffectRequest("w", "x", intent, 1);
  }

  @Test
  void shouldSplitLargeInputsIntoChunksAndCombineThem() {
    Sum sum = new Sum();
    ComputeEffectHandler handler =
        new ComputeEffectHandler(testKit.system(), Executors.newFixedThreadPool(2))
            .register("sum", sum);
    handler.initialize(ConfigFactory.parseMap(Map.of("chunk-size", 100, "parallelism", 2)));

    var result =
        handler.execute(request(1_000), ConfigFactory.empty()).toCompletableFuture().join();

    assertThat(result.value().asLong()).isEqualTo(500_500);
    assertThat(sum.chunkSizes).containsExactly(100);
  }

  @Test
  void shouldRunSmallInputsWhole() {
    Sum sum = new Sum();
    ComputeEffectHandler handler =
        new ComputeEffectHandler(testKit.system(), Executors.newFixedThreadPool(2))
            .register("sum", sum);
    handler.initialize(ConfigFactory.parseMap(Map.of("chunk-size", 100)));

    var result = handler.execute(request(10), ConfigFactory.empty()).toCompletableFuture().join();

    assertThat(result.value().asLong()).isEqualTo(55);
    assertThat(sum.chunkSizes).containsExactly(10);
  }
}
