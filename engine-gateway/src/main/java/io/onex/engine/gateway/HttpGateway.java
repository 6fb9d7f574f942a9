package io.onex.engine.gateway;

import com.typesafe.config.Config;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.core.secrets.Secrets;
import io.onex.engine.gateway.internal.FirstOfAuthenticator;
import io.onex.engine.gateway.internal.GatewayRoutes;
import io.onex.engine.gateway.internal.HttpsContexts;
import io.onex.engine.gateway.internal.ProblemParsingErrorHandler;
import io.onex.engine.kafka.EventBus;
import io.onex.engine.kafka.KafkaEventBus;
import io.onex.engine.orchestrator.SpecCatalog;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/JSON gateway of one engine node: the {@code /v1} API, {@code /health} and {@code
 * /metrics}, bound to {@code onex.http.host}:{@code onex.http.port}. Binding registers the node as
 * a {@code GATEWAY} in the node registry with its endpoint; stopping the engine's actor system
 * unbinds the port first, letting requests in flight finish within {@code
 * onex.http.shutdown-deadline} (Pekko coordinated shutdown).
 */
public final class HttpGateway {

  private static final Logger log = LoggerFactory.getLogger(HttpGateway.class);

  private final ServerBinding binding;

  private HttpGateway(ServerBinding binding) {
    this.binding = binding;
  }

  /**
   * The authenticator {@code onex.auth} configures, checking bearer JWTs on the calling thread; see
   * {@link #authenticatorFor(Config, Executor)}.
   */
  public static Authenticator authenticatorFor(Config config) {
    return authenticatorFor(config, Runnable::run);
  }

  /**
   * The authenticator {@code onex.auth} configures: API keys ({@code X-API-Key}) and, when {@code
   * onex.auth.jwt} names keys, bearer JWTs (checked on {@code blocking}: fetching a remote JWK set
   * may block), while authentication is on (with no credential configured it refuses every
   * request); none at all only in the {@code dev} environment, with a warning. Throws {@link
   * IllegalStateException} when authentication is off anywhere else, {@link
   * IllegalArgumentException} naming the setting when one is malformed.
   */
  public static Authenticator authenticatorFor(Config unresolved, Executor blocking) {
    Config config = Secrets.resolveIn(unresolved);
    String environment =
        config.hasPath("onex.environment") ? config.getString("onex.environment") : "dev";
    if (config.getBoolean("onex.auth.enabled")) {
      ApiKeyAuthenticator keys = ApiKeyAuthenticator.fromConfig(config);
      Optional<JwtAuthenticator> tokens = JwtAuthenticator.fromConfig(config, blocking);
      if (keys.size() == 0 && tokens.isEmpty()) {
        log.warn(
            "Authentication is on and no API key (onex.auth.api-keys, ONEX_API_KEYS) or JWT key"
                + " (onex.auth.jwt) is configured: every request but /health/live and"
                + " /health/ready is refused");
      } else {
        log.info(
            "Authentication is on: {} API key(s), bearer JWTs {}",
            keys.size(),
            tokens.isPresent() ? "accepted" : "not accepted");
      }
      return tokens.isEmpty()
          ? keys
          : new FirstOfAuthenticator(List.<Authenticator>of(keys, tokens.get()));
    }
    if (!environment.equals("dev")) {
      throw new IllegalStateException(
          "Expected authentication on (onex.auth.enabled) in environment '"
              + environment
              + "'; only the dev environment may turn it off");
    }
    log.warn(
        "Authentication is OFF (onex.auth.enabled = off, environment dev): anyone who reaches"
            + " the gateway may do anything");
    return Authenticator.ALLOW_ALL;
  }

  /** Binds the gateway of {@code engine} with no authentication; blocks until it listens. */
  public static HttpGateway bind(WorkflowEngine engine, Config config) {
    return bind(engine, config, Authenticator.ALLOW_ALL);
  }

  /** Binds the gateway of {@code engine}, authenticating {@code /v1} requests with {@code auth}. */
  public static HttpGateway bind(WorkflowEngine engine, Config config, Authenticator auth) {
    return bind(engine, KafkaEventBus.off(), config, auth);
  }

  /**
   * Binds the gateway of {@code engine} and its event bus {@code bus} (whose subscriptions it
   * serves at {@code /v1/subscriptions}), authenticating {@code /v1} requests with {@code auth}.
   */
  public static HttpGateway bind(
      WorkflowEngine engine, EventBus bus, Config config, Authenticator auth) {
    return bind(engine, bus, Optional.empty(), config, auth);
  }

  /**
   * Binds the gateway of {@code engine}, its event bus {@code bus} and its orchestrator's {@code
   * specs} (registered at {@code /v1/workflows/{type}/versions/{v}}), authenticating {@code /v1}
   * requests with {@code auth}.
   */
  public static HttpGateway bind(
      WorkflowEngine engine, EventBus bus, SpecCatalog specs, Config config, Authenticator auth) {
    return bind(engine, bus, Optional.of(specs), config, auth);
  }

  private static HttpGateway bind(
      WorkflowEngine engine,
      EventBus bus,
      Optional<SpecCatalog> specs,
      Config config,
      Authenticator auth) {
    Config http = config.getConfig("onex.http");
    ServerSettings settings =
        ServerSettings.create(engine.system().classicSystem())
            .withParsingErrorHandler(ProblemParsingErrorHandler.class.getName());
    Optional<HttpsConnectionContext> https = HttpsContexts.fromConfig(http.getConfig("tls"));
    ServerBuilder server =
        Http.get(engine.system())
            .newServerAt(http.getString("host"), http.getInt("port"))
            .withSettings(settings);
    ServerBinding binding =
        https
            .map(server::enableHttps)
            .orElse(server)
            .bind(new GatewayRoutes(engine, bus, specs, config, auth).routes())
            .toCompletableFuture()
            .join();
    binding.addToCoordinatedShutdown(http.getDuration("shutdown-deadline"), engine.system());
    String scheme = https.isPresent() ? "https" : "http";
    log.info(
        "HTTP gateway listening on {}://{}:{}",
        scheme,
        binding.localAddress().getHostString(),
        binding.localAddress().getPort());
    NodeRegistry.Agent agent = engine.operations().nodeAgent();
    agent.advertise(agent.registration().asGateway(endpoint(config, scheme, binding)));
    return new HttpGateway(binding);
  }

  /**
   * The gateway's base URL as other nodes and clients reach it: {@code onex.node.endpoint}, or else
   * the bound port at the node's cluster hostname.
   */
  private static String endpoint(Config config, String scheme, ServerBinding binding) {
    String configured = config.getString("onex.node.endpoint").trim();
    if (!configured.isEmpty()) {
      return configured;
    }
    return scheme
        + "://"
        + config.getString("onex.cluster.hostname")
        + ":"
        + binding.localAddress().getPort();
  }

  /** The address the gateway listens on. */
  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /** The port the gateway is bound to (useful when configured as 0). */
  public int port() {
    return binding.localAddress().getPort();
  }

  /** Stops accepting connections; the engine keeps running. */
  public CompletionStage<Done> unbind() {
    return binding.unbind();
  }
}
