package io.onex.engine.cluster.testing;

import com.typesafe.config.Config;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.json.EngineJson;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;

/**
 * A downstream service shared by every node of a test cluster, as a real one would be: it counts
 * each delivery by idempotency key and applies the effect of a key once, the way an idempotent
 * service does. Handlers created by {@link #handler} deliver to it after a delay.
 */
public final class EffectLedger {

  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  private final Set<String> applied = ConcurrentHashMap.newKeySet();

  /**
   * A handler of {@code type} that delivers to this ledger after {@code delay}, timed by the node's
   * scheduler: a delivery still waiting when its node is lost never happens.
   */
  public EffectHandler handler(ActorSystem<?> system, String type, Duration delay) {
    return new EffectHandler() {
      @Override
      public String handlerType() {
        return type;
      }

      @Override
      public CompletionStage<EffectResult> execute(EffectRequest request, Config operation) {
        return Patterns.after(
            delay,
            system.classicSystem().scheduler(),
            system.executionContext(),
            () -> {
              deliver(request.idempotencyKey());
              return CompletableFuture.completedFuture(
                  EffectResult.of(EngineJson.mapper().createObjectNode().put("done", true)));
            });
      }

      @Override
      public HandlerDescription describe() {
        return new HandlerDescription(type, "delivers to the test ledger", Map.of());
      }
    };
  }

  private void deliver(String key) {
    deliveries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    applied.add(key);
  }

  /** How often each key was delivered. */
  public Map<String, Integer> deliveries() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    deliveries.forEach((key, count) -> counts.put(key, count.get()));
    return counts;
  }

  /** The keys whose effect was applied. */
  public Set<String> applied() {
    return Set.copyOf(applied);
  }
}
