package io.onex.engine.gateway;

import com.typesafe.config.Config;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.WorkflowEngineBuilder;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.gateway.internal.GatewayRoutes;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running engine node with its HTTP gateway: the {@link WorkflowEngine} plus the {@code /v1} API
 * and {@code /health}, bound to {@code onex.http.host}:{@code onex.http.port}. Stopping the actor
 * system unbinds the port first (Pekko coordinated shutdown).
 */
public final class EngineNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EngineNode.class);

  private final WorkflowEngine engine;
  private final ServerBinding binding;

  private EngineNode(WorkflowEngine engine, ServerBinding binding) {
    this.engine = engine;
    this.binding = binding;
  }

  /**
   * Starts an engine hosting {@code registry} and binds the gateway; blocks until both are ready.
   */
  public static EngineNode start(Config config, WorkflowRegistry registry) {
    return start(config, WorkflowEngine.builder(config).workflows(registry));
  }

  /**
   * Starts the engine {@code engine} describes (workflows, extra handlers, compute functions) and
   * binds the gateway; blocks until both are ready.
   */
  public static EngineNode start(Config config, WorkflowEngineBuilder engineBuilder) {
    WorkflowEngine engine = engineBuilder.start();
    try {
      Config http = config.getConfig("onex.http");
      ServerBinding binding =
          Http.get(engine.system())
              .newServerAt(http.getString("host"), http.getInt("port"))
              .bind(new GatewayRoutes(engine, config).routes())
              .toCompletableFuture()
              .join();
      binding.addToCoordinatedShutdown(http.getDuration("shutdown-deadline"), engine.system());
      log.info("HTTP gateway listening on {}", binding.localAddress());
      NodeRegistry.Agent agent = engine.nodeAgent();
      agent.advertise(agent.registration().asGateway(endpoint(config, binding)));
      return new EngineNode(engine, binding);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /**
   * The gateway's base URL as other nodes and clients reach it: {@code onex.node.endpoint}, or else
   * the bound port at the node's cluster hostname.
   */
  private static String endpoint(Config config, ServerBinding binding) {
    String configured = config.getString("onex.node.endpoint").trim();
    if (!configured.isEmpty()) {
      return configured;
    }
    return "http://"
        + config.getString("onex.cluster.hostname")
        + ":"
        + binding.localAddress().getPort();
  }

  public WorkflowEngine engine() {
    return engine;
  }

  /** The port the gateway is bound to (useful when configured as 0). */
  public int port() {
    return binding.localAddress().getPort();
  }

  /** Stops the node: unbinds, leaves the cluster, terminates the actor system. */
  public CompletionStage<Done> stop() {
    return engine.stop();
  }

  /** Waits until the node has stopped, by {@link #stop()} or by a signal. */
  public void awaitTermination() {
    engine.system().getWhenTerminated().toCompletableFuture().join();
  }

  @Override
  public void close() {
    stop()
        .toCompletableFuture()
        .orTimeout(Duration.ofMinutes(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .join();
  }
}
