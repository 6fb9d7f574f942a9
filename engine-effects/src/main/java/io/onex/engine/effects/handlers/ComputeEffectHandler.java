package io.onex.engine.effects.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.core.effect.ComputeFunction;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.effect.HandlerHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Carries out {@code compute} intents (the ONEX COMPUTE node): runs the {@link ComputeFunction}
 * named by the intent's target on a bounded dispatcher. The {@code items} of a chunkable function's
 * input are split into chunks of {@code chunk-size} and processed {@code parallelism} at a time
 * with Pekko Streams, then combined in order.
 */
public final class ComputeEffectHandler implements EffectHandler {

  private final ActorSystem<?> system;
  private final Executor computeExecutor;
  private final Map<String, ComputeFunction> functions = new ConcurrentHashMap<>();
  private int chunkSize = 1000;
  private int parallelism = 2;

  /** A handler running functions on {@code computeExecutor}. */
  public ComputeEffectHandler(ActorSystem<?> system, Executor computeExecutor) {
    this.system = system;
    this.computeExecutor = computeExecutor;
  }

  /** Registers {@code function} under {@code name}; a name can be registered once. */
  public ComputeEffectHandler register(String name, ComputeFunction function) {
    if (functions.putIfAbsent(name, function) != null) {
      throw new IllegalStateException("A compute function '" + name + "' is already registered");
    }
    return this;
  }

  @Override
  public String handlerType() {
    return "compute";
  }

  @Override
  public void initialize(Config config) {
    if (config.hasPath("chunk-size")) {
      chunkSize = config.getInt("chunk-size");
    }
    if (config.hasPath("parallelism")) {
      parallelism = config.getInt("parallelism");
    }
  }

  @Override
  public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
    ComputeFunction function = functions.get(request.target());
    if (function == null) {
      return CompletableFuture.failedFuture(
          EffectException.permanent(
              "unknown-function", "No compute function '" + request.target() + "' is registered"));
    }
    JsonNode input = request.payload();
    JsonNode items = input.path("items");
    if (!function.chunkable() || !items.isArray() || items.size() <= chunkSize) {
      return CompletableFuture.supplyAsync(
          () -> EffectResult.of(function.apply(input)), computeExecutor);
    }
    return Source.from(chunks((ObjectNode) input, (ArrayNode) items))
        .mapAsync(
            parallelism,
            chunk -> CompletableFuture.supplyAsync(() -> function.apply(chunk), computeExecutor))
        .runWith(Sink.seq(), system)
        .thenApplyAsync(partials -> EffectResult.of(function.combine(partials)), computeExecutor);
  }

  private List<JsonNode> chunks(ObjectNode input, ArrayNode items) {
    List<JsonNode> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += chunkSize) {
      ArrayNode part = items.arrayNode();
      for (int i = from; i < Math.min(from + chunkSize, items.size()); i++) {
        part.add(items.get(i));
      }
      ObjectNode chunk = input.deepCopy();
      chunk.set("items", part);
      chunks.add(chunk);
    }
    return chunks;
  }

  @Override
  public HandlerDescription describe() {
    Map<String, String> settings = new TreeMap<>();
    settings.put("functions", String.join(",", new TreeMap<>(functions).keySet()));
    settings.put("chunk-size", String.valueOf(chunkSize));
    settings.put("parallelism", String.valueOf(parallelism));
    return new HandlerDescription(
        "compute", "Runs named pure functions on a bounded dispatcher", settings);
  }

  @Override
  public CompletionStage<HandlerHealth> healthCheck() {
    return CompletableFuture.completedFuture(
        HandlerHealth.healthy(functions.size() + " function(s) registered"));
  }
}
