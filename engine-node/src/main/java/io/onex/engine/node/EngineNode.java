package io.onex.engine.node;

import com.typesafe.config.Config;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.WorkflowEngineBuilder;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.secrets.Secrets;
import io.onex.engine.gateway.HttpGateway;
import io.onex.engine.kafka.EventBus;
import io.onex.engine.kafka.KafkaEventBus;
import io.onex.engine.orchestrator.Orchestrator;
import io.onex.engine.orchestrator.SpecCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running engine node with its HTTP gateway: the {@link WorkflowEngine} plus the {@code /v1} API,
 * {@code /health} and {@code /metrics}. Started from the class path's {@link WorkflowProvider}s
 * ({@link #start(Config)}) or from workflows given in code. Stopping the node unbinds the gateway,
 * leaves the cluster, stops the actor system and then the providers' companions.
 */
public final class EngineNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EngineNode.class);

  private final WorkflowEngine engine;
  private final EventBus bus;
  private final SpecCatalog specs;
  private final HttpGateway gateway;
  private final List<WorkflowProvider.Companion> companions;

  private EngineNode(
      WorkflowEngine engine,
      EventBus bus,
      SpecCatalog specs,
      HttpGateway gateway,
      List<WorkflowProvider.Companion> companions) {
    this.engine = engine;
    this.bus = bus;
    this.specs = specs;
    this.gateway = gateway;
    this.companions = companions;
  }

  /**
   * Starts a node hosting the workflows of every {@link WorkflowProvider} on the class path, with
   * their handlers and companions; blocks until it takes requests.
   */
  public static EngineNode start(Config config) {
    List<WorkflowProvider> providers = WorkflowProviders.load();
    if (providers.isEmpty()) {
      log.warn(
          "No WorkflowProvider on the class path (META-INF/services/{}): the node hosts no"
              + " workflows",
          WorkflowProvider.class.getName());
    }
    List<WorkflowProvider.Companion> companions = new ArrayList<>();
    try {
      Config withCompanions = config;
      for (WorkflowProvider provider : providers) {
        WorkflowProvider.Companion companion = provider.startCompanion(config);
        companions.add(companion);
        withCompanions = companion.config().withFallback(withCompanions);
      }
      WorkflowEngineBuilder builder =
          WorkflowEngine.builder(withCompanions).workflows(WorkflowProviders.registry(providers));
      providers.forEach(provider -> provider.configure(builder));
      return start(withCompanions, builder, companions);
    } catch (RuntimeException e) {
      companions.forEach(WorkflowProvider.Companion::close);
      throw e;
    }
  }

  /** Starts a node hosting {@code registry}; blocks until it takes requests. */
  public static EngineNode start(Config config, WorkflowRegistry registry) {
    return start(config, WorkflowEngine.builder(config).workflows(registry));
  }

  /**
   * Starts the engine {@code engineBuilder} describes (workflows, extra handlers, compute
   * functions) and binds its gateway; blocks until both are ready.
   */
  public static EngineNode start(Config config, WorkflowEngineBuilder engineBuilder) {
    return start(config, engineBuilder, List.of());
  }

  private static EngineNode start(
      Config config,
      WorkflowEngineBuilder engineBuilder,
      List<WorkflowProvider.Companion> companions) {
    Config resolved = Secrets.resolveIn(config);
    KafkaEventBus.handler(resolved).ifPresent(engineBuilder::handler);
    Orchestrator orchestrator = Orchestrator.create();
    engineBuilder.handler(orchestrator.workflowHandler());
    WorkflowEngine engine = engineBuilder.start();
    try {
      SpecCatalog specs = orchestrator.start(engine);
      EventBus bus = KafkaEventBus.start(engine);
      return new EngineNode(
          engine,
          bus,
          specs,
          HttpGateway.bind(
              engine,
              bus,
              specs,
              resolved,
              HttpGateway.authenticatorFor(
                  resolved, engine.system().dispatchers().lookup(DispatcherSelector.blocking()))),
          List.copyOf(companions));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  public WorkflowEngine engine() {
    return engine;
  }

  /** The node's event bus on Kafka (off unless {@code onex.kafka.bootstrap-servers} is set). */
  public EventBus bus() {
    return bus;
  }

  /** The node's workflow specs: the declarative orchestrator's catalog. */
  public SpecCatalog specs() {
    return specs;
  }

  /** The node's HTTP gateway. */
  public HttpGateway gateway() {
    return gateway;
  }

  /** The port the gateway is bound to (useful when configured as 0). */
  public int port() {
    return gateway.port();
  }

  /** Stops the node: unbinds, leaves the cluster, terminates the actor system, then companions. */
  public CompletionStage<Done> stop() {
    return engine.stop().whenComplete((done, error) -> closeCompanions());
  }

  /** Waits until the node has stopped, by {@link #stop()} or by a signal, and its companions. */
  public void awaitTermination() {
    engine.system().getWhenTerminated().toCompletableFuture().join();
    closeCompanions();
  }

  @Override
  public void close() {
    stop()
        .toCompletableFuture()
        .orTimeout(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS)
        .join();
  }

  private void closeCompanions() {
    companions.forEach(WorkflowProvider.Companion::close);
  }
}
