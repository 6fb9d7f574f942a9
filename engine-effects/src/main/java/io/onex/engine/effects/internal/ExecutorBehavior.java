package io.onex.engine.effects.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.onex.engine.core.Action;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.core.tracing.LogContext;
import io.onex.engine.effects.EffectHandlers;
import io.onex.engine.effects.ExecutorSettings;
import io.onex.engine.effects.IntentReports;
import io.onex.engine.effects.internal.ExecutorCommand.Delivered;
import io.onex.engine.effects.internal.ExecutorCommand.Execute;
import io.onex.engine.effects.internal.ExecutorCommand.Finished;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's effect executor (the ONEX EFFECT node). Runs at most {@code max-concurrency} intents
 * at once on the node and at most a target's bulkhead of one handler target, always taking the most
 * urgent waiting one that fits ({@link IntentSlots}), and delivers each outcome to its instance as
 * an action caused by the intent, retrying delivery until the instance answers. An intent already
 * queued or running is not started twice. Each intent, attempt and delivery is a span of the trace
 * of the action that emitted the intent ({@link IntentSpans}), and each log line about an intent
 * carries its correlation id, workflow type, instance id and span.
 */
@InternalApi
public final class ExecutorBehavior extends AbstractBehavior<ExecutorCommand> {

  private static final Logger log = LoggerFactory.getLogger(ExecutorBehavior.class);

  private final EffectHandlers handlers;
  private final IntentAttempts attempts;
  private final IntentReports reports;
  private final Clock clock;
  private final Duration redeliveryBackoff;
  private final Duration redeliveryMaxBackoff;
  private final int overdueAfter;
  private final MeterRegistry metrics;
  private final Timer outcomeDelivery;
  private final IntentSpans spans;

  /** When each running intent started and each finished one finished, for the timers. */
  private final Map<String, Long> startedAt = new HashMap<>();

  private final Map<String, Long> finishedAt = new HashMap<>();
  private final IntentSlots slots;
  private final Set<String> known = new HashSet<>();
  private final org.apache.pekko.actor.Scheduler scheduler;
  private final scala.concurrent.ExecutionContextExecutor executionContext;

  private ExecutorBehavior(
      ActorContext<ExecutorCommand> context,
      EffectHandlers handlers,
      CircuitBreakers breakers,
      IntentReports reports,
      Clock clock,
      ExecutorSettings settings,
      MeterRegistry metrics,
      Tracer tracer) {
    super(context);
    this.handlers = handlers;
    this.spans = new IntentSpans(tracer);
    this.metrics = metrics;
    this.slots = new IntentSlots(settings);
    Gauge.builder("onex.intents.waiting", slots, IntentSlots::waiting)
        .description("Intents waiting for a free execution slot on this node or their target")
        .register(metrics);
    Gauge.builder("onex.intents.running", slots, IntentSlots::running)
        .description("Intents in flight on this node")
        .register(metrics);
    this.outcomeDelivery =
        Timer.builder("onex.outcome.delivery")
            .description("Time from an intent's outcome to the instance journaling it")
            .publishPercentileHistogram()
            .register(metrics);
    this.reports = reports;
    this.clock = clock;
    this.redeliveryBackoff = settings.redeliveryBackoff();
    this.overdueAfter = settings.redeliveryAttempts();
    this.redeliveryMaxBackoff = settings.redeliveryMaxBackoff();
    this.scheduler = context.getSystem().classicSystem().scheduler();
    this.executionContext = context.getExecutionContext();
    this.attempts =
        new IntentAttempts(
            breakers,
            context.getSystem().classicSystem().scheduler(),
            context.getExecutionContext(),
            clock,
            spans);
  }

  /** The executor, tracing with {@code tracer}. */
  public static Behavior<ExecutorCommand> create(
      EffectHandlers handlers,
      CircuitBreakers breakers,
      IntentReports reports,
      Clock clock,
      ExecutorSettings settings,
      MeterRegistry metrics,
      Tracer tracer) {
    return Behaviors.setup(
        context ->
            new ExecutorBehavior(
                context, handlers, breakers, reports, clock, settings, metrics, tracer));
  }

  @Override
  public Receive<ExecutorCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Execute.class, this::onExecute)
        .onMessage(Finished.class, this::onFinished)
        .onMessage(Delivered.class, this::onDelivered)
        .build();
  }

  private Behavior<ExecutorCommand> onExecute(Execute execute) {
    if (known.add(execute.intent().intentId())) {
      slots.add(execute);
      startWhatFits();
    }
    return this;
  }

  private void startWhatFits() {
    for (Execute next = slots.takeNext(); next != null; next = slots.takeNext()) {
      start(next);
    }
  }

  private void start(Execute execute) {
    startedAt.put(execute.intent().intentId(), System.nanoTime());
    Span span = spans.started(execute);
    if (log.isDebugEnabled()) {
      try (var logged = LogContext.with(spans.logFields(execute))) {
        log.debug(
            "Intent {} ({}:{}) started",
            execute.intent().intentId(),
            execute.intent().type(),
            execute.intent().target());
      }
    }
    getContext()
        .pipeToSelf(
            attempts.run(
                execute.workflowType(),
                execute.instanceId(),
                execute.intent(),
                span,
                handlers.find(execute.intent().type()),
                handlers.operationConfig(execute.intent()),
                progress ->
                    reports.progress(execute.workflowType(), execute.instanceId(), progress)),
            (outcome, error) ->
                new Finished(
                    execute,
                    error == null
                        ? outcome
                        : new IntentOutcome.Failed(
                            execute.intent().intentId(), String.valueOf(error.getMessage()), 0)));
  }

  private Behavior<ExecutorCommand> onFinished(Finished finished) {
    Execute execute = finished.execute();
    slots.finished(execute);
    metrics
        .counter(
            "onex.intents.finished",
            "type",
            execute.intent().type(),
            "outcome",
            finished.outcome() instanceof IntentOutcome.Succeeded ? "succeeded" : "failed")
        .increment();
    Long started = startedAt.remove(execute.intent().intentId());
    if (started != null) {
      intentDuration(execute, finished.outcome())
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
    finishedAt.put(execute.intent().intentId(), System.nanoTime());
    if (log.isDebugEnabled()) {
      try (var logged = LogContext.with(spans.logFields(execute))) {
        log.debug(
            "Intent {} ({}:{}) {}",
            execute.intent().intentId(),
            execute.intent().type(),
            execute.intent().target(),
            finished.outcome() instanceof IntentOutcome.Failed failed
                ? "failed: " + failed.error()
                : "succeeded");
      }
    }
    Action action =
        spans.finished(
            execute,
            finished.outcome(),
            finished.outcome().reportOf(execute.intent(), clock.instant()));
    // The first delivery is a plain ask; only an outcome the instance did not take goes on to the
    // retries, so that the common case costs no retry machinery.
    CompletableFuture<Void> delivered =
        Stages.direct(reports.deliver(execute.workflowType(), execute.instanceId(), action))
            .exceptionallyCompose(firstFailed -> redeliver(execute, action));
    getContext().pipeToSelf(delivered, (done, error) -> new Delivered(execute, error == null));
    startWhatFits();
    return this;
  }

  /** Delivers {@code action} until the instance takes it, with backoff; off the actor. */
  private CompletableFuture<Void> redeliver(Execute execute, Action action) {
    AtomicInteger tries = new AtomicInteger(1);
    return Stages.direct(
        Patterns.retry(
            () -> {
              if (tries.incrementAndGet() == overdueAfter + 1) {
                warnOverdue(execute);
              }
              return reports.deliver(execute.workflowType(), execute.instanceId(), action);
            },
            Integer.MAX_VALUE,
            redeliveryBackoff,
            redeliveryMaxBackoff,
            0.2,
            scheduler,
            executionContext));
  }

  /** Thread-safe: called from the retry, off the actor. */
  private static void warnOverdue(Execute execute) {
    try (var logged =
        LogContext.with(
            io.onex.engine.core.tracing.LogFields.of(
                execute.workflowType(),
                execute.instanceId(),
                execute.intent().correlationId(),
                null))) {
      log.warn(
          "The outcome of intent '{}' has not reached instance '{}' of type '{}' after many"
              + " tries; the executor keeps trying, up to every outcome-delivery.max-backoff",
          execute.intent().intentId(),
          execute.instanceId(),
          execute.workflowType());
    }
  }

  /** How long intents take, from the first attempt to the outcome, by handler, target, outcome. */
  private Timer intentDuration(Execute execute, IntentOutcome outcome) {
    return Timer.builder("onex.intent.duration")
        .description("Time from an intent's first attempt to its outcome, retries included")
        .tag("handler", execute.intent().type())
        .tag("target", execute.intent().target())
        .tag("outcome", outcome instanceof IntentOutcome.Succeeded ? "succeeded" : "failed")
        .publishPercentileHistogram()
        .register(metrics);
  }

  private Behavior<ExecutorCommand> onDelivered(Delivered delivered) {
    String intentId = delivered.execute().intent().intentId();
    Long finished = finishedAt.remove(intentId);
    if (finished != null) {
      outcomeDelivery.record(System.nanoTime() - finished, TimeUnit.NANOSECONDS);
    }
    if (log.isDebugEnabled()) {
      try (var logged = LogContext.with(spans.logFields(delivered.execute()))) {
        log.debug(
            "The outcome of intent {} {}",
            intentId,
            delivered.taken() ? "was taken by its instance" : "could not be delivered");
      }
    }
    spans.delivered(intentId);
    known.remove(intentId);
    return this;
  }
}
