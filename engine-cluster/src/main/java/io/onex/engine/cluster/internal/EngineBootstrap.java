package io.onex.engine.cluster.internal;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.cluster.ClusterSettings;
import io.onex.engine.cluster.LagGauge;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.lease.LeaseManager;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.effect.ComputeFunction;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.effects.EffectHandlers;
import io.onex.engine.effects.ExecutorSettings;
import io.onex.engine.effects.IntentExecutor;
import io.onex.engine.effects.handlers.BuiltInHandlers;
import io.onex.engine.persistence.AwaitingInstances;
import io.onex.engine.persistence.DivergedInstances;
import io.onex.engine.persistence.HistoryInspector;
import io.onex.engine.persistence.InstanceIndex;
import io.onex.engine.persistence.InstanceRetention;
import io.onex.engine.persistence.InstanceTelemetry;
import io.onex.engine.persistence.JournalSchema;
import io.onex.engine.persistence.JournalSettings;
import io.onex.engine.persistence.WorkflowInstances;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.projection.ProjectionBehavior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an engine node, in order: the journal schema, the actor system (with the journal and
 * cluster settings laid over the configuration), the cluster join, the effect handlers and the
 * intent executor, the sharded instances, the warm-ups, and the node's registration. Closes the
 * intent loop here: instances dispatch to the executor, the executor reports through {@link
 * OutcomeRouting} to the instances.
 */
@InternalApi
public final class EngineBootstrap {

  private static final Logger log = LoggerFactory.getLogger(EngineBootstrap.class);

  private EngineBootstrap() {}

  /** Starts the node; blocks until it can take requests. */
  public static WorkflowEngine start(
      Config config,
      WorkflowRegistry registry,
      List<Function<ActorSystem<?>, EffectHandler>> ownHandlers,
      Map<String, ComputeFunction> computeFunctions,
      MeterRegistry metrics,
      OpenTelemetry telemetry,
      boolean ownsTelemetry) {
    JournalSettings journal = JournalSettings.fromConfig(config);
    if (journal.createSchema()) {
      JournalSchema.ensure(journal);
    }
    ClusterSettings clusterSettings = ClusterSettings.fromConfig(config);
    Config effective =
        journal.toPekkoConfig().withFallback(clusterSettings.toPekkoConfig()).withFallback(config);
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(), effective.getString("onex.engine.system-name"), effective);
    try {
      if (ownsTelemetry && telemetry instanceof OpenTelemetrySdk sdk) {
        closeAtShutdown(system, "onex-tracing", sdk);
      }
      Tracer tracer = telemetry.getTracer("io.onex.engine");
      CompletableFuture<Void> up = join(system, clusterSettings);
      EffectHandlers handlers =
          BuiltInHandlers.assemble(system, ownHandlers, computeFunctions, tracer);
      handlers.initializeAll(effective);
      CoordinatedShutdown.get(system)
          .addTask(
              CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
              "onex-effect-handlers",
              () -> handlers.shutdownAll(Duration.ofSeconds(10)).thenApply(done -> Done.done()));
      Clock clock = Clock.systemUTC();
      Duration askTimeout = effective.getDuration("onex.engine.ask-timeout");
      Executor executor = system.executionContext();

      DivergedInstances diverged =
          DivergedInstances.open(
              journal, system.dispatchers().lookup(DispatcherSelector.blocking()), clock);
      closeAtShutdown(system, "onex-diverged-instances", diverged);
      AwaitingInstances awaiting =
          AwaitingInstances.open(
              system,
              journal,
              effective.getConfig("onex.instance.awaiting-index"),
              clock,
              effective.getDuration("onex.engine.start-timeout"));
      closeAtShutdown(system, "onex-awaiting-instances", awaiting);
      InstanceIndex index =
          InstanceIndex.open(
              system,
              journal,
              effective.getConfig("onex.index"),
              clock,
              effective.getDuration("onex.engine.start-timeout"));
      closeAtShutdown(system, "onex-instance-index", index);
      startIndexing(system, index);
      InstanceShards shards = new InstanceShards(system);
      IntentExecutor intents =
          IntentExecutor.start(
              system,
              handlers,
              ExecutorSettings.fromConfig(effective.getConfig("onex.effects")),
              new OutcomeRouting(shards, askTimeout, executor),
              clock,
              metrics,
              tracer);
      WorkflowInstances instances =
          WorkflowInstances.create(
              registry,
              effective,
              clock,
              new ExecutorDispatcher(intents),
              diverged,
              awaiting,
              new InstanceTelemetry(tracer, metrics));
      shards.hostWith(instances);
      registry.types().forEach(shards::host);
      registry.onRegistered(definition -> shards.host(definition.type()));
      startWaking(system, awaiting, shards, effective.getInt("onex.engine.wake-rate"));

      Duration startTimeout = effective.getDuration("onex.engine.start-timeout");
      await(
          up.thenCompose(isUp -> shards.ready(startTimeout))
              .thenCompose(ready -> WorkflowInstances.warmUpJournal(system, startTimeout))
              .thenCompose(recovered -> shards.warmUp(startTimeout)),
          startTimeout);
      instances.warmUpCodecs(system);
      log.info(
          "Engine node {} (roles {}) started with journal {} hosting {} with handlers {}",
          Cluster.get(system).selfMember().address(),
          clusterSettings.roles(),
          journal,
          registry.types(),
          handlers.all().stream().map(EffectHandler::handlerType).toList());
      return assemble(
          system, effective, journal, registry, shards, diverged, index, intents, clock, metrics,
          telemetry);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  private static WorkflowEngine assemble(
      ActorSystem<Void> system,
      Config config,
      JournalSettings journalSettings,
      WorkflowRegistry registry,
      InstanceShards shards,
      DivergedInstances diverged,
      InstanceIndex index,
      IntentExecutor intents,
      Clock clock,
      MeterRegistry metrics,
      OpenTelemetry telemetry) {
    Duration askTimeout = config.getDuration("onex.engine.ask-timeout");
    Executor executor = system.executionContext();
    LeaseManager leases = LeaseManager.of(system);
    NodeRegistry nodes = NodeRegistry.create(system);
    HistoryInspector inspector = HistoryInspector.create(system, registry);
    JournalAvailability journal =
        JournalAvailability.start(
            system,
            inspector,
            config.getDuration("onex.journal.probe-interval"),
            config.getDuration("onex.journal.probe-timeout"),
            clock);
    InstanceRequests requests =
        new InstanceRequests(shards, registry, askTimeout, executor, metrics);
    HistoryFacade history = new HistoryFacade(inspector, requests, executor);
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    InstanceRetention retention = InstanceRetention.open(journalSettings, blocking);
    closeAtShutdown(system, "onex-retention", retention);
    ClusterInstanceControls controls =
        new ClusterInstanceControls(
            requests, journal, history, registry, index, retention, clock, executor, null);
    InstanceFeeds feeds =
        new InstanceFeeds(system, shards, config.getDuration("onex.engine.end-watch-renewal"));
    InstanceClient client =
        new InstanceClient(
            system,
            shards,
            requests,
            new LeaseGate(registry, leases, requests),
            journal,
            history,
            controls,
            index,
            clock,
            feeds);
    ClusterViews views = new ClusterViews(system, shards, askTimeout, executor);
    NodeOperations operations =
        new NodeOperations(
            new HealthChecks(
                system,
                inspector,
                diverged,
                index,
                config.getLong("onex.index.lag-degraded-above"),
                askTimeout,
                executor),
            views,
            intents,
            metrics,
            telemetry,
            requests.startChecks());
    operations.registeredBy(SelfRegistration.start(system, config, registry, nodes, operations));
    InstanceCaps caps =
        InstanceCaps.start(system, config.getConfig("onex.instance.cap"), registry, index);
    if (caps != null) {
      operations.addStartCheck(caps);
    }
    LagGauge.register(
        system,
        metrics,
        "onex.index.lag",
        "Events journaled but not yet in the instance index",
        config.getDuration("onex.index.lag-interval"),
        index::lag);
    LagGauge.register(
        system,
        metrics,
        "onex.instances.passivated",
        "Unfinished instances that no node holds in memory (passivated until their next message)",
        config.getDuration("onex.index.lag-interval"),
        () -> PassivatedInstances.count(registry, index, views));
    startRetention(system, config, index, inspector, controls, clock, blocking);
    return new ShardedWorkflowEngine(
        system,
        registry,
        client,
        operations,
        leases,
        nodes,
        new JournalEventStreams(system, client, feeds, index));
  }

  /** Closes {@code resource} when the actor system terminates. */
  private static void closeAtShutdown(ActorSystem<?> system, String name, AutoCloseable resource) {
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            name,
            () -> {
              try {
                resource.close();
              } catch (Exception e) {
                log.warn("Could not close {}: {}", name, e.toString());
              }
              return CompletableFuture.completedFuture(Done.done());
            });
  }

  /**
   * Starts the two cluster singletons that wake instances awaiting work after a crash or the loss
   * of a node: the projection that keeps the awaiting-instances index, and the waker that wakes
   * what it lists.
   */
  private static void startWaking(
      ActorSystem<?> system, AwaitingInstances awaiting, InstanceShards shards, int ratePerSecond) {
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException(
          "Expected onex.engine.wake-rate to be at least 1 per second, but got " + ratePerSecond);
    }
    ClusterSingleton singletons = ClusterSingleton.get(system);
    singletons.init(
        SingletonActor.of(
                ProjectionBehavior.create(
                    awaiting.projection(address -> AwaitingWaker.wake(shards, address))),
                "onex-awaiting-index")
            .withStopMessage(ProjectionBehavior.stopMessage()));
    singletons.init(
        SingletonActor.of(
            AwaitingWaker.create(awaiting, shards, ratePerSecond), "onex-awaiting-waker"));
  }

  /**
   * Runs the instance index's projections, one per slice, spread over the cluster's nodes by
   * sharded daemon processes, and seeds the index once from a journal written before it existed (a
   * cluster singleton).
   */
  private static void startIndexing(ActorSystem<?> system, InstanceIndex index) {
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            InstanceIndex.PROJECTION,
            index.slices(),
            slice -> ProjectionBehavior.create(index.projection(slice)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
    ClusterSingleton.get(system)
        .init(SingletonActor.of(IndexSeeder.create(index), "onex-instance-index-seeder"));
  }

  /** Starts the retention sweeper (a cluster singleton) when {@code onex.retention} is on. */
  private static void startRetention(
      ActorSystem<?> system,
      Config config,
      InstanceIndex index,
      HistoryInspector inspector,
      ClusterInstanceControls controls,
      Clock clock,
      Executor blocking) {
    Config retention = config.getConfig("onex.retention");
    String after = retention.getString("completed-after").trim();
    if (after.isEmpty() || after.equals("off") || after.equals("false")) {
      return;
    }
    RetentionSweeper.Settings settings =
        new RetentionSweeper.Settings(
            retention.getDuration("completed-after"),
            Path.of(retention.getString("export-dir")).toAbsolutePath(),
            retention.getDuration("interval"),
            retention.getInt("batch"));
    ClusterSingleton.get(system)
        .init(
            SingletonActor.of(
                RetentionSweeper.create(settings, index, inspector, controls, clock, blocking),
                "onex-retention"));
    log.info(
        "Retention on: instances ended over {} ago are exported to {} and erased",
        settings.completedAfter(),
        settings.exportDir());
  }

  /** Joins the seed nodes, or forms a cluster of one; completes once this member is Up. */
  private static CompletableFuture<Void> join(ActorSystem<?> system, ClusterSettings settings) {
    CompletableFuture<Void> up = new CompletableFuture<>();
    org.apache.pekko.cluster.Cluster.get(system.classicSystem())
        .registerOnMemberUp(() -> up.complete(null));
    Cluster cluster = Cluster.get(system);
    if (settings.seedNodes().isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      cluster.manager().tell(new JoinSeedNodes(settings.seedNodes()));
    }
    return up;
  }

  private static void await(CompletionStage<?> ready, Duration timeout) {
    try {
      ready.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The node did not become an Up cluster member hosting its instances within "
              + timeout.toSeconds()
              + " s (onex.engine.start-timeout); are the seed nodes reachable?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the node was joining its cluster", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("The node could not join its cluster", e.getCause());
    }
  }
}
