package io.onex.engine.kafka.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.client.WorkflowClient;
import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.core.error.EngineUnavailableException;
import io.onex.engine.core.error.InstanceNotFoundException;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.kafka.SubscriptionSettings;
import io.onex.engine.kafka.SubscriptionStatus;
import io.onex.engine.kafka.SubscriptionStatus.State;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.kafka.CommitterSettings;
import org.apache.pekko.kafka.ConsumerMessage.CommittableMessage;
import org.apache.pekko.kafka.ConsumerMessage.CommittableOffset;
import org.apache.pekko.kafka.Subscriptions;
import org.apache.pekko.kafka.javadsl.Committer;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one subscription: a committable Kafka source whose messages become actions of instances, one
 * at a time per instance and in order, at most {@code parallelism} at once. A message's offset is
 * committed once the instance acknowledged its action or its dead letter was acknowledged; a
 * message that failed for want of the engine is tried again after a backoff, with the same
 * idempotency key, before anything after it is committed.
 */
@InternalApi
public final class SubscriptionRunner {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionRunner.class);

  private final SubscriptionSettings settings;
  private final KafkaClients clients;
  private final WorkflowClient client;
  private final SendProducer<String, byte[]> deadLetterProducer;
  private final DeadLetters deadLetters;
  private final MessageRoute route;
  private final ActorSystem<?> system;
  private final Executor executor;
  private final Executor blocking;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private volatile String lastError;
  private volatile Long lag;
  private volatile State state = State.STOPPED;
  private volatile boolean stopping;
  private Consumer.DrainingControl<Done> control;

  public SubscriptionRunner(
      ActorSystem<?> system,
      SubscriptionSettings settings,
      KafkaClients clients,
      WorkflowClient client,
      SendProducer<String, byte[]> deadLetterProducer,
      DeadLetters deadLetters) {
    this.system = system;
    this.settings = settings;
    this.clients = clients;
    this.client = client;
    this.deadLetterProducer = deadLetterProducer;
    this.deadLetters = deadLetters;
    this.route = new MessageRoute(settings);
    this.executor = system.executionContext();
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
  }

  public String name() {
    return settings.name();
  }

  public SubscriptionSettings settings() {
    return settings;
  }

  public SubscriptionStatus status() {
    return new SubscriptionStatus(
        settings.name(),
        settings.topic(),
        settings.workflowType(),
        state,
        applied.get(),
        deadLettered.get(),
        lastError,
        lag);
  }

  /** Records the consumer group's lag as {@code measured} (null when it could not be). */
  public void measuredLag(Long measured) {
    this.lag = measured;
  }

  /** Starts consuming, unless running. */
  public synchronized SubscriptionStatus start() {
    if (state == State.RUNNING) {
      return status();
    }
    stopping = false;
    Consumer.DrainingControl<Done> started =
        Consumer.committableSource(
                clients.consumerSettings(settings.groupId()),
                Subscriptions.topics(settings.topic()))
            .map(message -> Pair.create(message, route.route(message.record())))
            .mapAsyncPartitioned(
                settings.parallelism(),
                SubscriptionRunner::partitionOf,
                (routed, partition) -> handle(routed.first(), routed.second()))
            .toMat(
                Committer.sink(CommitterSettings.create(system)), Consumer::createDrainingControl)
            .run(system);
    control = started;
    state = State.RUNNING;
    started.streamCompletion().whenCompleteAsync((done, error) -> ended(started, error), executor);
    log.info(
        "Subscription {} consumes {} into {} instances (group {})",
        settings.name(),
        settings.topic(),
        settings.workflowType(),
        settings.groupId());
    return status();
  }

  /** Stops consuming once the messages in flight are applied and committed. */
  public CompletionStage<SubscriptionStatus> stop() {
    Consumer.DrainingControl<Done> running;
    synchronized (this) {
      running = control;
      if (running == null || state != State.RUNNING) {
        return CompletableFuture.completedFuture(status());
      }
      stopping = true;
    }
    return Stages.direct(running.drainAndShutdown(executor))
        .handle((done, error) -> done)
        .thenApplyAsync(
            done -> {
              synchronized (this) {
                if (control == running) {
                  state = State.STOPPED;
                  control = null;
                }
              }
              return status();
            },
            executor);
  }

  private synchronized void ended(Consumer.DrainingControl<Done> which, Throwable error) {
    if (control != which) {
      return;
    }
    if (error != null && !stopping) {
      lastError = "stopped by " + rootCause(error);
      state = State.FAILED;
      control = null;
      log.error("Subscription {} stopped: {}", settings.name(), lastError, error);
    }
  }

  /** Messages of one instance are applied one at a time; unroutable ones by their key. */
  private static String partitionOf(
      Pair<CommittableMessage<String, byte[]>, MessageRoute.Routed> routed) {
    if (routed.second() instanceof MessageRoute.Action action) {
      return action.instanceId();
    }
    String key = routed.first().record().key();
    return key == null ? "" : key;
  }

  private CompletionStage<CommittableOffset> handle(
      CommittableMessage<String, byte[]> message, MessageRoute.Routed routed) {
    ConsumerRecord<String, byte[]> record = message.record();
    CompletionStage<Done> handled =
        routed instanceof MessageRoute.Unroutable unroutable
            ? deadLetter(record, "unroutable", unroutable.reason())
            : Stages.direct(
                Patterns.retry(
                    () -> applyOnce(record, (MessageRoute.Action) routed),
                    (done, error) -> error != null && !stopping,
                    Integer.MAX_VALUE,
                    settings.retryMin(),
                    settings.retryMax(),
                    0.2,
                    system.classicSystem()));
    return handled.thenApply(done -> message.committableOffset());
  }

  /**
   * Applies the message's action (or start): completes when it is applied or dead-lettered, fails
   * when it should be tried again.
   */
  private CompletionStage<Done> applyOnce(
      ConsumerRecord<String, byte[]> record, MessageRoute.Action action) {
    Map<String, String> metadata =
        Map.of(
            "kafka.topic", record.topic(),
            "kafka.partition", Integer.toString(record.partition()),
            "kafka.offset", Long.toString(record.offset()));
    String correlationId = EventRecords.header(record.headers(), EventRecords.CORRELATION_ID);
    ActionRequest request =
        new ActionRequest(
            action.actionType(),
            action.payload(),
            correlationId,
            null,
            null,
            null,
            null,
            action.idempotencyKey(),
            metadata);
    return client
        .send(settings.workflowType(), action.instanceId(), request)
        .thenApply(outcome -> countApplied())
        .exceptionallyCompose(
            error -> {
              Throwable cause = Stages.unwrap(error);
              if (cause instanceof InstanceNotFoundException && settings.startMissing()) {
                StartRequest start =
                    new StartRequest(
                        action.instanceId(),
                        action.payload(),
                        correlationId,
                        null,
                        null,
                        action.idempotencyKey(),
                        metadata);
                return client
                    .start(settings.workflowType(), start)
                    .thenApply(view -> countApplied())
                    .exceptionallyCompose(startError -> refused(record, Stages.unwrap(startError)));
              }
              return refused(record, cause);
            })
        .whenComplete(
            (done, error) -> {
              if (error != null) {
                lastError = "retrying: " + rootCause(error);
              }
            });
  }

  /**
   * A refusal the engine will repeat becomes a dead letter; anything else (the engine did not
   * answer) fails, to be tried again.
   */
  private CompletionStage<Done> refused(ConsumerRecord<String, byte[]> record, Throwable cause) {
    if (cause instanceof WorkflowException refusal
        && !(cause instanceof EngineUnavailableException)) {
      return deadLetter(record, refusal.code(), refusal.getMessage());
    }
    return CompletableFuture.failedFuture(cause);
  }

  private CompletionStage<Done> deadLetter(
      ConsumerRecord<String, byte[]> record, String code, String error) {
    // send() waits for the topic's metadata while the broker is away: not on the stream's thread
    return CompletableFuture.supplyAsync(
            () ->
                Stages.direct(
                    deadLetterProducer.send(deadLetters.of(record, settings.name(), code, error))),
            blocking)
        .thenCompose(sent -> sent)
        .thenApply(
            metadata -> {
              deadLettered.incrementAndGet();
              lastError =
                  record.topic()
                      + "/"
                      + record.partition()
                      + "/"
                      + record.offset()
                      + " dead-lettered: "
                      + error;
              log.warn(
                  "Subscription {}: message {}/{}/{} went to {}: {}",
                  settings.name(),
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  metadata.topic(),
                  error);
              return Done.done();
            });
  }

  private Done countApplied() {
    applied.incrementAndGet();
    return Done.done();
  }

  private static String rootCause(Throwable error) {
    Throwable cause = Stages.unwrap(error);
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
