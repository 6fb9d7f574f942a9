package io.onex.engine.effects;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.core.Intent;
import io.onex.engine.effects.internal.CircuitBreakers;
import io.onex.engine.effects.internal.ExecutorBehavior;
import io.onex.engine.effects.internal.ExecutorCommand;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * The node's intent executor (the ONEX EFFECT node): carries out intents with their handlers, at
 * most {@code onex.effects.max-concurrency} at once and the most urgent first, retrying each by its
 * retry policy behind one circuit breaker per handler target, and reports progress and outcome to
 * {@link IntentReports}.
 *
 * <p>Delivery: an intent handed over while it is already queued or running is not started twice; an
 * intent handed over again later (after a restart) runs again with the same idempotency key, which
 * handlers pass on so that the effect happens once. Thread-safe.
 */
public final class IntentExecutor {

  private final ActorRef<ExecutorCommand> actor;
  private final CircuitBreakers breakers;
  private final EffectHandlers handlers;

  private IntentExecutor(
      ActorRef<ExecutorCommand> actor, CircuitBreakers breakers, EffectHandlers handlers) {
    this.actor = actor;
    this.breakers = breakers;
    this.handlers = handlers;
  }

  /**
   * Starts the executor of {@code system} with {@code handlers} (already initialised), the breakers
   * configured in {@code onex.effects.circuit-breaker}, and {@code settings}.
   */
  public static IntentExecutor start(
      ActorSystem<?> system,
      EffectHandlers handlers,
      ExecutorSettings settings,
      IntentReports reports,
      Clock clock,
      MeterRegistry metrics,
      Tracer tracer) {
    CircuitBreakers breakers =
        new CircuitBreakers(
            system.classicSystem().scheduler(),
            system.settings().config().getConfig("onex.effects.circuit-breaker"),
            metrics);
    ActorRef<ExecutorCommand> actor =
        system.systemActorOf(
            ExecutorBehavior.create(handlers, breakers, reports, clock, settings, metrics, tracer),
            "onex-intent-executor",
            Props.empty());
    return new IntentExecutor(actor, breakers, handlers);
  }

  /**
   * Carries out {@code intent} of instance {@code instanceId} of {@code workflowType}, its spans in
   * the trace {@code traceparent} names (none when {@code null}).
   */
  public void execute(String workflowType, String instanceId, Intent intent, String traceparent) {
    actor.tell(new ExecutorCommand.Execute(workflowType, instanceId, intent, traceparent));
  }

  /** The effect handlers the executor uses. */
  public EffectHandlers handlers() {
    return handlers;
  }

  /** Each handler target's circuit breaker state: CLOSED, OPEN or HALF_OPEN. */
  public Map<String, String> circuitBreakers() {
    return breakers.states();
  }
}
