package io.onex.engine.effects.internal;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.core.InternalApi;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.pattern.CircuitBreaker;

/**
 * One Pekko {@link CircuitBreaker} per handler target ({@code <handler type>:<target>}): after
 * {@code max-failures} consecutive failures the target's intents fail fast until {@code
 * reset-timeout} has passed. Thread-safe.
 */
@InternalApi
public final class CircuitBreakers {

  private final Scheduler scheduler;
  private final int maxFailures;
  private final Duration callTimeout;
  private final Duration resetTimeout;
  private final Map<String, CircuitBreaker> byTarget = new ConcurrentHashMap<>();

  private final MeterRegistry metrics;

  public CircuitBreakers(Scheduler scheduler, Config config, MeterRegistry metrics) {
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.maxFailures = config.getInt("max-failures");
    this.callTimeout = config.getDuration("call-timeout");
    this.resetTimeout = config.getDuration("reset-timeout");
  }

  /** The breaker guarding {@code target} of handler {@code handlerType}. */
  public CircuitBreaker forTarget(String handlerType, String target) {
    return byTarget.computeIfAbsent(handlerType + ":" + target, this::create);
  }

  private CircuitBreaker create(String target) {
    CircuitBreaker breaker =
        CircuitBreaker.create(scheduler, maxFailures, callTimeout, resetTimeout);
    Gauge.builder(
            "onex.circuit.breaker.open", breaker, b -> b.isOpen() ? 1 : b.isHalfOpen() ? 0.5 : 0)
        .description("1 while the target's circuit breaker is open, 0.5 half-open, 0 closed")
        .tag("target", target)
        .register(metrics);
    return breaker;
  }

  /** Each known target with its breaker's state: CLOSED, OPEN or HALF_OPEN. */
  public Map<String, String> states() {
    Map<String, String> states = new TreeMap<>();
    byTarget.forEach((target, breaker) -> states.put(target, stateOf(breaker)));
    return states;
  }

  private static String stateOf(CircuitBreaker breaker) {
    if (breaker.isOpen()) {
      return "OPEN";
    }
    return breaker.isHalfOpen() ? "HALF_OPEN" : "CLOSED";
  }
}
