package io.onex.engine.gateway.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.HttpCalls;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.Authenticator;
import io.onex.engine.gateway.HttpGateway;
import io.onex.engine.kafka.EventBus;
import io.onex.engine.kafka.KafkaEventBus;
import io.onex.engine.orchestrator.Orchestrator;
import io.onex.engine.orchestrator.SpecCatalog;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * An engine hosting the core test workflows ({@code counter}, {@code fenced-counter}) with its
 * gateway bound on a free port in this JVM, and an HTTP client for it.
 */
public final class GatewayNode implements AutoCloseable {

  private final WorkflowEngine engine;
  private final HttpGateway gateway;
  private final HttpCalls http;

  private GatewayNode(WorkflowEngine engine, HttpGateway gateway) {
    this.engine = engine;
    this.gateway = gateway;
    this.http = new HttpCalls(URI.create("http://127.0.0.1:" + gateway.port()));
  }

  /** Starts a node with {@code settings} over the test configuration. */
  public static GatewayNode start(Map<String, Object> settings) {
    return start(settings, Authenticator.ALLOW_ALL);
  }

  /** Starts a node hosting {@code extra} definitions besides the counters. */
  public static GatewayNode start(Map<String, Object> settings, WorkflowDefinition<?, ?>... extra) {
    return start(settings, Authenticator.ALLOW_ALL, extra);
  }

  /** Starts a node whose {@code /v1} API authenticates with {@code authenticator}. */
  public static GatewayNode start(
      Map<String, Object> settings,
      Authenticator authenticator,
      WorkflowDefinition<?, ?>... extra) {
    Config config = config(settings);
    WorkflowRegistry registry =
        new WorkflowRegistry()
            .register(CounterWorkflow.definition())
            .register(CounterWorkflow.singleWriter());
    for (WorkflowDefinition<?, ?> definition : extra) {
      registry.register(definition);
    }
    return start(config, registry, authenticator);
  }

  /** Starts a node hosting exactly {@code registry}. */
  public static GatewayNode startWith(Map<String, Object> settings, WorkflowRegistry registry) {
    return start(config(settings), registry, Authenticator.ALLOW_ALL);
  }

  /**
   * Starts a node hosting the counters with its event bus ({@code onex.kafka} in {@code settings})
   * served at {@code /v1/subscriptions}.
   */
  public static GatewayNode startWithEventBus(Map<String, Object> settings) {
    Config config = config(settings);
    WorkflowEngine engine =
        WorkflowEngine.create(
            config, new WorkflowRegistry().register(CounterWorkflow.definition()));
    try {
      EventBus bus = KafkaEventBus.start(engine);
      return new GatewayNode(
          engine, HttpGateway.bind(engine, bus, config, Authenticator.ALLOW_ALL));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** Starts a node hosting the counters with the orchestrator, whose specs it serves. */
  public static GatewayNode startWithOrchestrator(Map<String, Object> settings) {
    Config config = config(settings);
    Orchestrator orchestrator = Orchestrator.create();
    WorkflowEngine engine =
        WorkflowEngine.builder(config)
            .workflow(CounterWorkflow.definition())
            .handler(orchestrator.workflowHandler())
            .start();
    try {
      SpecCatalog specs = orchestrator.start(engine);
      return new GatewayNode(
          engine,
          HttpGateway.bind(engine, KafkaEventBus.off(), specs, config, Authenticator.ALLOW_ALL));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  private static Config config(Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>();
    all.put("onex.http.host", "127.0.0.1");
    all.put("onex.http.port", 0);
    all.put("onex.cluster.port", 0);
    all.putAll(settings);
    return ConfigFactory.parseMap(all).withFallback(ConfigFactory.load()).resolve();
  }

  private static GatewayNode start(
      Config config, WorkflowRegistry registry, Authenticator authenticator) {
    WorkflowEngine engine = WorkflowEngine.create(config, registry);
    try {
      return new GatewayNode(engine, HttpGateway.bind(engine, config, authenticator));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  public WorkflowEngine engine() {
    return engine;
  }

  public int port() {
    return gateway.port();
  }

  /** The gateway's base URL. */
  public URI base() {
    return http.base();
  }

  /** An HTTP client for this node's gateway. */
  public HttpCalls http() {
    return http;
  }

  public Response get(String path) {
    return http.get(path);
  }

  public String getText(String path) {
    return http.getText(path);
  }

  public Response post(String path, String body, String... headers) {
    return http.post(path, body, headers);
  }

  /** Sends {@code request} and reads the answer, its body as JSON. */
  public static Response send(HttpRequest.Builder request) {
    return HttpCalls.send(request);
  }

  @Override
  public void close() {
    engine.close();
  }
}
