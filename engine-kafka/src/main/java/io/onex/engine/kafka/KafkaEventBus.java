package io.onex.engine.kafka;

import com.typesafe.config.Config;
import io.onex.engine.cluster.EngineHealth;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.error.SubscriptionNotFoundException;
import io.onex.engine.kafka.internal.DeadLetters;
import io.onex.engine.kafka.internal.EventRecords;
import io.onex.engine.kafka.internal.KafkaClients;
import io.onex.engine.kafka.internal.OffEventBus;
import io.onex.engine.kafka.internal.Publication;
import io.onex.engine.kafka.internal.SubscriptionRunner;
import io.onex.engine.persistence.JournalSettings;
import io.onex.engine.persistence.SliceProjections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Producer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a node's {@link EventBus} on Kafka beside a running {@link WorkflowEngine}: the
 * publication of the journal's events and the configured subscriptions, with the health check
 * {@code kafka} added to the engine's and the gauge {@code onex.kafka.publication.lag} to its
 * metrics. The subscriptions stop when the node begins to stop, before its instances are handed
 * off; the producers close with the actor system.
 *
 * <pre>{@code
 * WorkflowEngine engine = WorkflowEngine.builder(config)
 *     .workflow(OrderWorkflow.definition())
 *     .handler(KafkaEventBus.handler(config).orElseThrow())   // the kafka intent handler
 *     .start();
 * EventBus bus = KafkaEventBus.start(engine);
 * }</pre>
 */
public final class KafkaEventBus implements EventBus {

  private static final Logger log = LoggerFactory.getLogger(KafkaEventBus.class);

  private final KafkaSettings settings;
  private final KafkaClients clients;
  private final Publication publication;
  private final Map<String, SubscriptionRunner> runners;
  private final Executor executor;
  private final Executor blocking;
  private final List<AutoCloseable> resources;
  private final AtomicBoolean measuring = new AtomicBoolean();

  private KafkaEventBus(
      ActorSystem<?> system,
      KafkaSettings settings,
      KafkaClients clients,
      Publication publication,
      Map<String, SubscriptionRunner> runners,
      List<AutoCloseable> resources) {
    this.settings = settings;
    this.clients = clients;
    this.publication = publication;
    this.runners = runners;
    this.resources = resources;
    this.executor = system.executionContext();
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
  }

  /** A bus that is off: it publishes and consumes nothing and has no subscriptions. */
  public static EventBus off() {
    return new OffEventBus();
  }

  /** Starts the bus of {@code engine} from its configuration ({@code onex.kafka}). */
  public static EventBus start(WorkflowEngine engine) {
    return start(engine, KafkaSettings.fromConfig(engine.system().settings().config()));
  }

  /**
   * Starts the bus of {@code engine} with {@code settings}: off (publishing and consuming nothing)
   * when they name no brokers. Throws {@link IllegalArgumentException} naming the key of a
   * subscription whose workflow type the engine does not host.
   */
  public static EventBus start(WorkflowEngine engine, KafkaSettings settings) {
    if (!settings.enabled()) {
      EventBus off = off();
      engine.operations().addHealthCheck("kafka", off::health);
      return off;
    }
    for (SubscriptionSettings subscription : settings.subscriptions()) {
      if (!engine.registry().contains(subscription.workflowType())) {
        throw new IllegalArgumentException(
            "Expected onex.kafka.subscriptions."
                + subscription.name()
                + ".workflow-type to be one of "
                + engine.registry().types()
                + ", but got '"
                + subscription.workflowType()
                + "'");
      }
    }
    ActorSystem<?> system = engine.system();
    Config config = system.settings().config();
    KafkaClients clients = new KafkaClients(system, settings);
    List<AutoCloseable> resources = new ArrayList<>();
    resources.add(clients);
    SendProducer<String, byte[]> producer = clients.producer();
    resources.add(() -> producer.close().toCompletableFuture().get(10, TimeUnit.SECONDS));
    Publication publication = null;
    if (settings.publish()) {
      SliceProjections projections =
          SliceProjections.open(
              system,
              JournalSettings.fromConfig(config),
              config.getInt("onex.index.slices"),
              "onex-kafka-publication",
              config.getDuration("onex.engine.start-timeout"));
      resources.add(projections);
      Producer<String, byte[]> ordered = clients.orderedProducer();
      resources.add(() -> ordered.close(Duration.ofSeconds(10)));
      publication =
          Publication.start(
              system,
              projections,
              ordered,
              new EventRecords(settings),
              settings.groupSize(),
              settings.groupWithin(),
              settings.lagInterval(),
              engine.operations().metrics());
    }
    DeadLetters deadLetters = new DeadLetters(settings.deadLetterSuffix());
    Map<String, SubscriptionRunner> runners = new LinkedHashMap<>();
    for (SubscriptionSettings subscription : settings.subscriptions()) {
      runners.put(
          subscription.name(),
          new SubscriptionRunner(
              system, subscription, clients, engine.client(), producer, deadLetters));
    }
    KafkaEventBus bus =
        new KafkaEventBus(system, settings, clients, publication, runners, resources);
    engine.operations().addHealthCheck("kafka", bus::health);
    system
        .scheduler()
        .scheduleWithFixedDelay(
            settings.lagInterval(),
            settings.lagInterval(),
            bus::measureConsumerLag,
            system.executionContext());
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseServiceRequestsDone(), "onex-kafka-subscriptions", bus::stopAll);
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "onex-kafka-producers",
        () -> {
          bus.closeResources();
          return CompletableFuture.completedFuture(Done.done());
        });
    runners.values().stream()
        .filter(runner -> runner.settings().autoStart())
        .forEach(SubscriptionRunner::start);
    log.info(
        "Event bus on {}: publication {}, subscriptions {}",
        settings.bootstrapServers(),
        settings.publish() ? "to " + settings.topicPrefix() + "<type>" : "off",
        runners.keySet());
    return bus;
  }

  /**
   * The kafka intent handler for a {@link io.onex.engine.cluster.WorkflowEngineBuilder#handler},
   * when {@code config} names brokers; empty otherwise.
   */
  public static Optional<Function<ActorSystem<?>, EffectHandler>> handler(Config config) {
    KafkaSettings settings = KafkaSettings.fromConfig(config);
    if (!settings.enabled()) {
      return Optional.empty();
    }
    return Optional.of(system -> KafkaIntentHandler.create(system, settings));
  }

  /** Measures each subscription's consumer lag; a lag that cannot be read becomes unknown. */
  private void measureConsumerLag() {
    if (runners.isEmpty() || !measuring.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture.allOf(
            runners.values().stream()
                .map(
                    runner ->
                        clients
                            .consumerLag(
                                runner.settings().groupId(), runner.settings().topic(), blocking)
                            .handle(
                                (lag, error) -> {
                                  runner.measuredLag(error == null ? lag : null);
                                  return lag;
                                })
                            .toCompletableFuture())
                .toArray(CompletableFuture[]::new))
        .whenComplete((all, error) -> measuring.set(false));
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public CompletionStage<Long> publicationLag() {
    return publication == null ? CompletableFuture.completedFuture(0L) : publication.lag();
  }

  @Override
  public CompletionStage<EngineHealth.Check> health() {
    CompletableFuture<String> brokers =
        clients
            .brokerCount(blocking)
            .toCompletableFuture()
            .handle((count, error) -> error == null ? count + " broker(s)" : "brokers unreachable");
    CompletableFuture<Long> lag =
        publicationLag().toCompletableFuture().exceptionally(error -> -1L);
    return brokers.thenCombineAsync(
        lag,
        (brokersDetail, lagValue) -> {
          List<SubscriptionStatus> subscriptions = subscriptions();
          boolean up =
              !brokersDetail.equals("brokers unreachable")
                  && lagValue >= 0
                  && lagValue <= settings.lagDegradedAbove()
                  && subscriptions.stream()
                      .noneMatch(s -> s.state() == SubscriptionStatus.State.FAILED);
          String detail =
              brokersDetail
                  + ", publication lag "
                  + (lagValue < 0 ? "unknown" : lagValue + " events")
                  + (subscriptions.isEmpty()
                      ? ""
                      : ", subscriptions "
                          + subscriptions.stream()
                              .map(s -> s.name() + " " + s.state())
                              .collect(Collectors.joining(", ")));
          return EngineHealth.Check.degradedUnless(up, detail);
        },
        executor);
  }

  @Override
  public List<SubscriptionStatus> subscriptions() {
    return runners.values().stream().map(SubscriptionRunner::status).toList();
  }

  @Override
  public SubscriptionStatus subscription(String name) {
    return runner(name).status();
  }

  @Override
  public CompletionStage<SubscriptionStatus> start(String name) {
    return withRunner(name, runner -> CompletableFuture.completedFuture(runner.start()));
  }

  @Override
  public CompletionStage<SubscriptionStatus> stop(String name) {
    return withRunner(name, SubscriptionRunner::stop);
  }

  @Override
  public void close() {
    try {
      stopAll().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Could not stop the subscriptions: {}", e.toString());
    }
    closeResources();
  }

  private CompletionStage<Done> stopAll() {
    return CompletableFuture.allOf(
            runners.values().stream()
                .map(runner -> runner.stop().toCompletableFuture())
                .toArray(CompletableFuture[]::new))
        .handle((all, error) -> Done.done());
  }

  private synchronized void closeResources() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("Could not close a resource of the event bus: {}", e.toString());
      }
    }
    resources.clear();
  }

  private CompletionStage<SubscriptionStatus> withRunner(
      String name, Function<SubscriptionRunner, CompletionStage<SubscriptionStatus>> use) {
    SubscriptionRunner runner = runners.get(name);
    return runner == null
        ? CompletableFuture.failedFuture(new SubscriptionNotFoundException(name))
        : use.apply(runner);
  }

  private SubscriptionRunner runner(String name) {
    SubscriptionRunner runner = runners.get(name);
    if (runner == null) {
      throw new SubscriptionNotFoundException(name);
    }
    return runner;
  }
}
