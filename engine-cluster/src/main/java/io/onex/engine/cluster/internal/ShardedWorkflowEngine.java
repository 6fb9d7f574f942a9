package io.onex.engine.cluster.internal;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.cluster.ActionRequest;
import io.onex.engine.cluster.ClusterSettings;
import io.onex.engine.cluster.ClusterView;
import io.onex.engine.cluster.EngineHealth;
import io.onex.engine.cluster.StartRequest;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.cluster.lease.LeaseCheck;
import io.onex.engine.cluster.lease.LeaseManager;
import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeRegistration;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.core.Action;
import io.onex.engine.core.EngineUnavailableException;
import io.onex.engine.core.InvalidIdentifierException;
import io.onex.engine.core.LeaseFence;
import io.onex.engine.core.LeaseRejectedException;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowException;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.effect.ComputeFunction;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.replay.ReplayReport;
import io.onex.engine.persistence.ActionOutcome;
import io.onex.engine.persistence.HistoryInspector;
import io.onex.engine.persistence.HistoryPage;
import io.onex.engine.persistence.InstanceView;
import io.onex.engine.persistence.JournalSettings;
import io.onex.engine.persistence.ReplayCheck;
import io.onex.engine.persistence.effects.ComputeEffectHandler;
import io.onex.engine.persistence.effects.EffectHandlers;
import io.onex.engine.persistence.effects.HttpEffectHandler;
import io.onex.engine.persistence.effects.JdbcEffectHandler;
import io.onex.engine.persistence.effects.LogEffectHandler;
import io.onex.engine.persistence.internal.CircuitBreakers;
import io.onex.engine.persistence.internal.ExecutorCommand;
import io.onex.engine.persistence.internal.InstanceCommand;
import io.onex.engine.persistence.internal.InstanceReply;
import io.onex.engine.persistence.internal.IntentExecutor;
import io.onex.engine.persistence.internal.JournalHistory;
import io.onex.engine.persistence.internal.JournalSchema;
import io.onex.engine.persistence.internal.JournalWarmUp;
import io.onex.engine.persistence.internal.OutcomeSink;
import io.onex.engine.persistence.internal.WorkflowRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion.ShardRegionStats;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine node: one actor system, the journal, and sharded workflow instances. */
public final class ShardedWorkflowEngine implements WorkflowEngine {

  private static final Logger log = LoggerFactory.getLogger(ShardedWorkflowEngine.class);

  private final ActorSystem<Void> system;
  private final WorkflowRegistry registry;
  private final InstanceShards shards;
  private final JournalHistory history;
  private final HistoryInspector inspector;
  private final Duration askTimeout;
  private final Executor executor;
  private final Clock clock;
  private final EffectHandlers handlers;
  private final CircuitBreakers breakers;
  private final MeterRegistry metrics;
  private final LeaseManager leases;
  private final NodeRegistry nodes;
  private NodeRegistry.Agent agent;

  private ShardedWorkflowEngine(
      ActorSystem<Void> system,
      WorkflowRegistry registry,
      InstanceShards shards,
      EffectHandlers handlers,
      CircuitBreakers breakers,
      Clock clock,
      Duration askTimeout,
      MeterRegistry metrics) {
    this.system = system;
    this.metrics = metrics;
    this.registry = registry;
    this.shards = shards;
    this.handlers = handlers;
    this.breakers = breakers;
    this.history = JournalHistory.create(system);
    this.inspector = HistoryInspector.create(system, registry);
    this.askTimeout = askTimeout;
    this.executor = system.executionContext();
    this.clock = clock;
    this.leases = LeaseManager.of(system);
    this.nodes = NodeRegistry.create(system);
  }

  /** Registers this node in the node registry and keeps it registered while the node runs. */
  private void registerNode(Config config) {
    NodeRegistration self =
        NodeDescription.of(config, Cluster.get(system).selfMember().address(), registry, handlers);
    NodeRegistry.Agent started =
        nodes.startAgent(
            self,
            () ->
                health()
                    .thenApply(
                        checks -> checks.up() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY));
    agent = started;
    // A node that stops on purpose leaves the registry at once; a lost one is removed when the
    // cluster removes its member.
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeServiceUnbind(),
            "onex-node-unregister",
            () -> {
              started.close();
              return nodes
                  .unregister(started.nodeId())
                  .handle((removed, error) -> Done.getInstance());
            });
  }

  /**
   * Creates the journal schema if needed, starts the actor system, the effect handlers and the
   * intent executor, and joins the cluster.
   */
  public static ShardedWorkflowEngine start(
      Config config,
      WorkflowRegistry registry,
      List<Function<ActorSystem<?>, EffectHandler>> extraHandlers,
      Map<String, ComputeFunction> computeFunctions,
      MeterRegistry metrics) {
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
      Cluster cluster = Cluster.get(system);
      CompletableFuture<Void> up = new CompletableFuture<>();
      org.apache.pekko.cluster.Cluster.get(system.classicSystem())
          .registerOnMemberUp(() -> up.complete(null));
      if (clusterSettings.seedNodes().isEmpty()) {
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      } else {
        cluster.manager().tell(new JoinSeedNodes(clusterSettings.seedNodes()));
      }
      EffectHandlers handlers = handlers(system, extraHandlers, computeFunctions);
      handlers.initializeAll(effective);
      CoordinatedShutdown.get(system)
          .addTask(
              CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
              "onex-effect-handlers",
              () ->
                  handlers
                      .shutdownAll(Duration.ofSeconds(10))
                      .thenApply(done -> org.apache.pekko.Done.getInstance()));
      Clock clock = Clock.systemUTC();
      Duration askTimeout = effective.getDuration("onex.engine.ask-timeout");
      InstanceShards shards = new InstanceShards(system);
      CircuitBreakers breakers =
          new CircuitBreakers(
              system.classicSystem().scheduler(),
              effective.getConfig("onex.effects.circuit-breaker"),
              metrics);
      OutcomeSink outcomes =
          (type, id, action) ->
              shards
                  .entityRef(type, id)
                  .<InstanceReply>ask(
                      replyTo -> new InstanceCommand.Apply(action, replyTo), askTimeout)
                  .thenApplyAsync(reply -> null, system.executionContext());
      ActorRef<ExecutorCommand> executor =
          system.systemActorOf(
              IntentExecutor.create(
                  handlers,
                  breakers,
                  outcomes,
                  clock,
                  IntentExecutor.ExecutorSettings.fromConfig(effective.getConfig("onex.effects")),
                  metrics),
              "onex-intent-executor",
              Props.empty());
      shards.hostWith(WorkflowRuntime.create(registry, effective, clock, executor));
      registry.types().forEach(shards::host);
      Duration startTimeout = effective.getDuration("onex.engine.start-timeout");
      awaitUp(
          up.thenCompose(isUp -> shards.ready(startTimeout))
              .thenCompose(coordinators -> JournalWarmUp.run(system, startTimeout))
              .thenCompose(recovered -> shards.warmUp(startTimeout)),
          startTimeout);
      log.info(
          "Engine node {} (roles {}) started with journal {} hosting {} with handlers {}",
          cluster.selfMember().address(),
          clusterSettings.roles(),
          journal,
          registry.types(),
          handlers.all().stream().map(EffectHandler::handlerType).toList());
      ShardedWorkflowEngine engine =
          new ShardedWorkflowEngine(
              system, registry, shards, handlers, breakers, clock, askTimeout, metrics);
      engine.registerNode(effective);
      return engine;
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  private static void awaitUp(CompletionStage<Void> up, Duration timeout) {
    try {
      up.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The node did not become an Up cluster member hosting its instances within "
              + timeout.toSeconds()
              + " s (onex.engine.start-timeout); are the seed nodes reachable?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the node was joining its cluster", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("The node could not join its cluster", e.getCause());
    }
  }

  private static EffectHandlers handlers(
      ActorSystem<?> system,
      List<Function<ActorSystem<?>, EffectHandler>> extraHandlers,
      Map<String, ComputeFunction> computeFunctions) {
    ComputeEffectHandler compute =
        new ComputeEffectHandler(
            system,
            system.dispatchers().lookup(DispatcherSelector.fromConfig("onex.compute-dispatcher")));
    computeFunctions.forEach(compute::register);
    // The application's handlers come first: one of a built-in type replaces the built-in.
    EffectHandlers handlers = new EffectHandlers();
    extraHandlers.forEach(factory -> handlers.register(factory.apply(system)));
    List.of(
            new LogEffectHandler("log"),
            new LogEffectHandler("notification"),
            new HttpEffectHandler(system),
            new JdbcEffectHandler(system.dispatchers().lookup(DispatcherSelector.blocking())),
            compute)
        .forEach(
            builtIn -> {
              if (handlers.find(builtIn.handlerType()).isEmpty()) {
                handlers.register(builtIn);
              }
            });
    return handlers;
  }

  @Override
  public CompletionStage<InstanceView> start(String workflowType, StartRequest request) {
    return attempt(
        () -> {
          checkType(workflowType);
          String instanceId =
              request.instanceId() == null
                  ? UUID.randomUUID().toString()
                  : InvalidIdentifierException.requireValid("instanceId", request.instanceId());
          Action action = request.toAction(clock.instant());
          return askAdmitted(
              workflowType,
              instanceId,
              action,
              replyTo -> new InstanceCommand.Start(action, replyTo),
              InstanceReply.Accepted::instance);
        });
  }

  @Override
  public CompletionStage<ActionOutcome> send(
      String workflowType, String instanceId, ActionRequest request) {
    return attempt(
        () -> {
          checkAddress(workflowType, instanceId);
          Action action = request.toAction(clock.instant());
          return askAdmitted(
              workflowType,
              instanceId,
              action,
              replyTo -> new InstanceCommand.Apply(action, replyTo),
              accepted -> new ActionOutcome(accepted.instance(), accepted.intents()));
        });
  }

  /** Asks the instance with {@code command} once {@code action}'s lease is admitted. */
  private <T> CompletionStage<T> askAdmitted(
      String workflowType,
      String instanceId,
      Action action,
      Function<ActorRef<InstanceReply>, InstanceCommand> command,
      Function<InstanceReply.Accepted, T> onAccepted) {
    return admitLease(workflowType, instanceId, action)
        .thenCompose(admitted -> ask(workflowType, instanceId, command, onAccepted));
  }

  /**
   * For a single-writer type, checks with the lease manager that the action's lease is the current
   * grant on the instance; the instance itself then refuses tokens below the highest it has seen.
   * An action without a lease is left to the instance, which refuses it.
   */
  private CompletionStage<Void> admitLease(String workflowType, String instanceId, Action action) {
    if (!registry.require(workflowType).leaseRequired()
        || action.leaseId() == null
        || action.fencingToken() == null) {
      return CompletableFuture.completedFuture(null);
    }
    return leases
        .verify(
            LeaseFence.resourceOf(workflowType, instanceId),
            action.leaseId(),
            action.fencingToken())
        .handle(
            (check, error) -> {
              if (error != null) {
                throw unavailable(workflowType, instanceId, error);
              }
              if (!check.valid()) {
                throw LeaseRejectedException.stale(
                    workflowType, instanceId, check.reason(), describe(action, check));
              }
              return null;
            });
  }

  private static String describe(Action action, LeaseCheck check) {
    String presented =
        "lease '" + action.leaseId() + "' with fencing token " + action.fencingToken();
    Lease current = check.current();
    return presented
        + " is "
        + check.reason()
        + (current == null
            ? ""
            : "; the resource's lease is '"
                + current.leaseId()
                + "' with token "
                + current.fencingToken()
                + " held by '"
                + current.owner()
                + "' until "
                + current.expiresAt());
  }

  @Override
  public LeaseManager leases() {
    return leases;
  }

  @Override
  public NodeRegistry nodes() {
    return nodes;
  }

  @Override
  public NodeRegistry.Agent nodeAgent() {
    return agent;
  }

  @Override
  public CompletionStage<InstanceView> get(String workflowType, String instanceId) {
    return attempt(
        () -> {
          checkAddress(workflowType, instanceId);
          return ask(
              workflowType, instanceId, InstanceCommand.Get::new, InstanceReply.Accepted::instance);
        });
  }

  @Override
  public CompletionStage<HistoryPage> history(
      String workflowType, String instanceId, long fromSeq, int limit) {
    if (fromSeq < 1 || limit < 1) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "Expected fromSeq >= 1 and limit >= 1, but got fromSeq="
                  + fromSeq
                  + " and limit="
                  + limit));
    }
    return get(workflowType, instanceId)
        .thenComposeAsync(
            instance -> history.page(workflowType, instanceId, fromSeq, limit), executor);
  }

  @Override
  public CompletionStage<InstanceView> stateAt(
      String workflowType, String instanceId, long sequence) {
    return onInstance(
        workflowType, instanceId, () -> inspector.stateAt(workflowType, instanceId, sequence));
  }

  @Override
  public CompletionStage<ReplayReport> replay(
      String workflowType, String instanceId, int definitionVersion) {
    return onInstance(
        workflowType,
        instanceId,
        () -> inspector.replay(workflowType, instanceId, definitionVersion));
  }

  @Override
  public CompletionStage<ReplayCheck> replayCheck(String workflowType, int definitionVersion) {
    return attempt(
        () -> {
          checkType(workflowType);
          return inspector.replayCheck(workflowType, definitionVersion);
        });
  }

  @Override
  public CompletionStage<List<WorkflowEvent>> export(String workflowType, String instanceId) {
    return onInstance(workflowType, instanceId, () -> inspector.history(workflowType, instanceId));
  }

  @Override
  public CompletionStage<Map<Integer, Long>> instancesByVersion(String workflowType) {
    return attempt(
        () -> {
          checkType(workflowType);
          return inspector.instancesByVersion(workflowType);
        });
  }

  @Override
  public CompletionStage<EngineHealth> health() {
    MemberStatus status = Cluster.get(system).selfMember().status();
    EngineHealth.Check cluster =
        new EngineHealth.Check(status == MemberStatus.up(), "member " + status);
    return history
        .ping()
        .toCompletableFuture()
        .orTimeout(askTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handleAsync(
            (done, error) -> {
              EngineHealth.Check journal =
                  error == null
                      ? new EngineHealth.Check(true, "reachable")
                      : new EngineHealth.Check(false, "unreachable: " + rootCause(error));
              return new EngineHealth(
                  Map.of("journal", journal, "cluster", cluster, "instances", instancesCheck()));
            },
            executor);
  }

  @Override
  public CompletionStage<ClusterView> cluster() {
    return shards
        .stats(askTimeout)
        .thenApplyAsync(
            stats -> {
              CurrentClusterState state = Cluster.get(system).state();
              Set<org.apache.pekko.cluster.Member> unreachable = state.getUnreachable();
              List<ClusterView.Member> members =
                  StreamSupport.stream(state.getMembers().spliterator(), false)
                      .map(
                          member ->
                              new ClusterView.Member(
                                  member.address().toString(),
                                  member.status().toString(),
                                  member.getRoles().stream()
                                      .filter(role -> !role.startsWith("dc-"))
                                      .sorted()
                                      .toList(),
                                  !unreachable.contains(member)))
                      .toList();
              Map<String, List<ClusterView.ShardHost>> shardHosts = new TreeMap<>();
              stats.forEach(
                  (type, typeStats) ->
                      shardHosts.put(
                          type,
                          typeStats.getRegions().entrySet().stream()
                              .map(region -> shardHost(region.getKey(), region.getValue()))
                              .sorted(Comparator.comparing(ClusterView.ShardHost::address))
                              .toList()));
              Address leader = state.getLeader();
              return new ClusterView(
                  Cluster.get(system).selfMember().address().toString(),
                  leader == null ? null : leader.toString(),
                  members,
                  shardHosts);
            },
            executor);
  }

  private static ClusterView.ShardHost shardHost(Address address, ShardRegionStats region) {
    Map<String, Integer> shards = new TreeMap<>();
    region.getStats().forEach((shard, count) -> shards.put(shard, ((Number) count).intValue()));
    return new ClusterView.ShardHost(
        address.toString(),
        shards.size(),
        shards.values().stream().mapToInt(Integer::intValue).sum(),
        shards);
  }

  @Override
  public EffectHandlers handlers() {
    return handlers;
  }

  @Override
  public MeterRegistry metrics() {
    return metrics;
  }

  @Override
  public Map<String, String> circuitBreakers() {
    return breakers.states();
  }

  private EngineHealth.Check instancesCheck() {
    Map<String, String> diverged = shards.runtime().diverged();
    if (diverged.isEmpty()) {
      return new EngineHealth.Check(true, "no instance diverged");
    }
    return new EngineHealth.Check(
        true,
        "diverged: "
            + diverged.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .collect(java.util.stream.Collectors.joining("; ")));
  }

  @Override
  public WorkflowRegistry registry() {
    return registry;
  }

  @Override
  public ActorSystem<?> system() {
    return system;
  }

  /**
   * Runs Pekko's coordinated shutdown: the node leaves the cluster, its shards are handed off to
   * the remaining nodes (remembered instances restart there), then the actor system terminates.
   */
  @Override
  public CompletionStage<Done> stop() {
    return CoordinatedShutdown.get(system)
        .runAll(CoordinatedShutdown.clusterLeavingReason())
        .thenCompose(done -> system.getWhenTerminated());
  }

  @Override
  public void close() {
    stop().toCompletableFuture().join();
  }

  private <T> CompletionStage<T> ask(
      String workflowType,
      String instanceId,
      Function<ActorRef<InstanceReply>, InstanceCommand> command,
      Function<InstanceReply.Accepted, T> onAccepted) {
    return shards
        .entityRef(workflowType, instanceId)
        .<InstanceReply>ask(command::apply, askTimeout)
        .handleAsync(
            (reply, error) -> {
              if (error != null) {
                count(workflowType, "engine-unavailable");
                throw unavailable(workflowType, instanceId, error);
              }
              if (reply instanceof InstanceReply.Failed failed) {
                count(workflowType, failed.error().code());
                throw failed.error().toException();
              }
              count(workflowType, "accepted");
              return onAccepted.apply((InstanceReply.Accepted) reply);
            },
            executor);
  }

  private void count(String workflowType, String result) {
    metrics.counter("onex.requests", "workflowType", workflowType, "result", result).increment();
  }

  private EngineUnavailableException unavailable(String type, String id, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    String why =
        cause instanceof TimeoutException
            ? "did not answer within " + askTimeout.toMillis() + " ms"
            : "failed: " + rootCause(cause);
    return new EngineUnavailableException(
        "Expected workflow instance '" + id + "' of type '" + type + "' to answer, but it " + why,
        cause);
  }

  /** Runs {@code call} once the type and instance id are known to be valid. */
  private <T> CompletionStage<T> onInstance(
      String workflowType, String instanceId, Supplier<CompletionStage<T>> call) {
    return attempt(
        () -> {
          checkAddress(workflowType, instanceId);
          return call.get();
        });
  }

  private void checkType(String workflowType) {
    InvalidIdentifierException.requireValid("workflowType", workflowType);
    registry.require(workflowType);
  }

  private void checkAddress(String workflowType, String instanceId) {
    checkType(workflowType);
    InvalidIdentifierException.requireValid("instanceId", instanceId);
  }

  private static <T> CompletionStage<T> attempt(Supplier<CompletionStage<T>> call) {
    try {
      return call.get();
    } catch (WorkflowException | IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
