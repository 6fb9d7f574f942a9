package io.onex.engine.effects.internal;

import com.typesafe.config.Config;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.RetryPolicy;
import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.IntentProgress;
import io.onex.engine.core.tracing.LogContext;
import io.onex.engine.core.tracing.LogFields;
import io.onex.engine.core.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.pattern.CircuitBreaker;
import org.apache.pekko.pattern.Patterns;
import scala.concurrent.ExecutionContext;

/**
 * Runs one intent through its handler until it succeeds or its retry policy gives up: each attempt
 * bounded by the policy's timeout and guarded by the target's circuit breaker, retries spaced by
 * exponential backoff with jitter ({@link Patterns#retry}). Only retryable failures are retried and
 * only they count against the breaker. Each attempt is a span under the intent's; the handler is
 * called with the attempt's trace context and the intent's log fields.
 */
final class IntentAttempts {

  private final CircuitBreakers breakers;
  private final Scheduler scheduler;
  private final ExecutionContext executionContext;
  private final Clock clock;
  private final IntentSpans spans;

  IntentAttempts(
      CircuitBreakers breakers,
      Scheduler scheduler,
      ExecutionContext executionContext,
      Clock clock,
      IntentSpans spans) {
    this.breakers = breakers;
    this.scheduler = scheduler;
    this.executionContext = executionContext;
    this.clock = clock;
    this.spans = spans;
  }

  CompletionStage<IntentOutcome> run(
      String workflowType,
      String instanceId,
      Intent intent,
      Span intentSpan,
      Optional<EffectHandler> handler,
      Config operationConfig,
      Consumer<IntentProgress> onProgress) {
    if (handler.isEmpty()) {
      return CompletableFuture.completedFuture(
          new IntentOutcome.Failed(
              intent.intentId(),
              "no effect handler is registered for type '" + intent.type() + "'",
              0));
    }
    RetryPolicy policy = intent.retryPolicy();
    CircuitBreaker breaker = breakers.forTarget(intent.type(), intent.target());
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<Throwable> lastError = new AtomicReference<>();
    Callable<CompletionStage<EffectResult>> attempt =
        () -> {
          int number = attempts.incrementAndGet();
          Span span = spans.attempt(intentSpan, number);
          EffectRequest request =
              new EffectRequest(workflowType, instanceId, intent, number, TraceParent.of(span));
          // the breaker's stage would run the callback below on a thread of its own
          return Stages.direct(
                  breaker.callWithCircuitBreakerCS(
                      () -> {
                        try (var logged =
                            LogContext.with(
                                LogFields.of(
                                    workflowType, instanceId, intent.correlationId(), span))) {
                          return handler
                              .get()
                              .execute(request, operationConfig)
                              .toCompletableFuture()
                              .orTimeout(policy.attemptTimeoutMs(), TimeUnit.MILLISECONDS)
                              .whenComplete((result, error) -> lastError.set(Stages.unwrap(error)));
                        }
                      },
                      (result, error) ->
                          error.isPresent() && isRetryable(Stages.unwrap(error.get()), policy)))
              .whenComplete((result, error) -> endAttempt(span, error));
        };
    // The first attempt runs at once; only a retryable failure enters the retry schedule.
    return Stages.direct(call(attempt))
        .exceptionallyCompose(
            error ->
                policy.maxAttempts() > 1 && isRetryable(Stages.unwrap(error), policy)
                    ? retries(attempt, intent, lastError, onProgress)
                    : CompletableFuture.failedFuture(error))
        .handle(
            (result, error) ->
                error == null
                    ? new IntentOutcome.Succeeded(intent.intentId(), result.value(), attempts.get())
                    : new IntentOutcome.Failed(
                        intent.intentId(), describe(Stages.unwrap(error)), attempts.get()));
  }

  private static void endAttempt(Span span, Throwable error) {
    if (error != null) {
      span.setStatus(StatusCode.ERROR, describe(Stages.unwrap(error)));
    }
    span.end();
  }

  /** The attempts after a first one failed: spaced by backoff, up to the policy's maximum. */
  private CompletableFuture<EffectResult> retries(
      Callable<CompletionStage<EffectResult>> attempt,
      Intent intent,
      AtomicReference<Throwable> lastError,
      Consumer<IntentProgress> onProgress) {
    RetryPolicy policy = intent.retryPolicy();
    return Stages.direct(
        Patterns.after(
            delayAfter(1, intent, lastError, onProgress),
            scheduler,
            executionContext,
            () ->
                Patterns.retry(
                    attempt,
                    (result, error) -> error != null && isRetryable(Stages.unwrap(error), policy),
                    policy.maxAttempts() - 2,
                    retriesSoFar ->
                        Optional.of(delayAfter(retriesSoFar + 1, intent, lastError, onProgress)),
                    scheduler,
                    executionContext)));
  }

  /** The delay before the next attempt after {@code failed} failed ones, reported as progress. */
  private Duration delayAfter(
      int failed,
      Intent intent,
      AtomicReference<Throwable> lastError,
      Consumer<IntentProgress> onProgress) {
    Duration delay = backoff(intent.retryPolicy(), failed);
    onProgress.accept(
        new IntentProgress(
            intent.intentId(), failed, clock.instant().plus(delay), describe(lastError.get())));
    return delay;
  }

  private static CompletionStage<EffectResult> call(
      Callable<CompletionStage<EffectResult>> attempt) {
    try {
      return attempt.call();
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The delay after {@code attempts} failed attempts: exponential, capped, with jitter. */
  static Duration backoff(RetryPolicy policy, int attempts) {
    double base = policy.initialBackoffMs() * Math.pow(policy.multiplier(), attempts - 1);
    double capped = Math.min(base, policy.maxBackoffMs());
    double jitter = 1 + policy.jitter() * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
    return Duration.ofMillis(Math.max(0, Math.round(capped * jitter)));
  }

  private static boolean isRetryable(Throwable error, RetryPolicy policy) {
    if (error instanceof EffectException effect) {
      return effect.retryable()
          && (policy.retryableErrors().isEmpty()
              || policy.retryableErrors().contains(effect.errorType()));
    }
    return policy.retryableErrors().isEmpty()
        || policy.retryableErrors().contains(errorType(error));
  }

  private static String errorType(Throwable error) {
    if (error instanceof EffectException effect) {
      return effect.errorType();
    }
    if (error instanceof TimeoutException) {
      return "timeout";
    }
    if (error instanceof org.apache.pekko.pattern.CircuitBreakerOpenException) {
      return "circuit-open";
    }
    return "error";
  }

  private static String describe(Throwable error) {
    if (error == null) {
      return null;
    }
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return errorType(error) + ": " + message;
  }
}
