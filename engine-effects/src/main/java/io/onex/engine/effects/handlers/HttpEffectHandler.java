package io.onex.engine.effects.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.core.json.EngineJson;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * Carries out {@code http} intents with Pekko HTTP's client: the intent's target names a base URL
 * ({@code onex.handlers.http.targets.<target>}), metadata {@code method} (POST by default) and
 * {@code path} complete the request, the payload is the JSON body. The idempotency key travels as
 * the {@code Idempotency-Key} header and the correlation id as {@code X-Correlation-Id}, so the
 * service can recognise a repeated delivery.
 *
 * <p>A 2xx answer succeeds with its JSON body as the result; 408, 429 and 5xx answers and
 * connection failures are retryable; any other 4xx answer is a permanent failure named {@code
 * http-<status>}.
 */
public final class HttpEffectHandler implements EffectHandler {

  private final ActorSystem<?> system;
  private final Executor executor;
  private final Map<String, String> targets = new TreeMap<>();
  private Duration requestTimeout = Duration.ofSeconds(30);

  public HttpEffectHandler(ActorSystem<?> system) {
    this.system = system;
    this.executor = system.executionContext();
  }

  @Override
  public String handlerType() {
    return "http";
  }

  @Override
  public void initialize(Config config) {
    if (config.hasPath("targets")) {
      Config configured = config.getConfig("targets");
      configured.root().keySet().forEach(name -> targets.put(name, configured.getString(name)));
    }
    if (config.hasPath("request-timeout")) {
      requestTimeout = config.getDuration("request-timeout");
    }
  }

  /** Points {@code target} at {@code baseUrl}, replacing any configured URL. */
  public HttpEffectHandler target(String target, String baseUrl) {
    targets.put(target, baseUrl);
    return this;
  }

  @Override
  public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
    String base = targets.get(request.target());
    if (base == null) {
      return CompletableFuture.failedFuture(
          EffectException.permanent(
              "unknown-target",
              "No URL is configured for HTTP target '"
                  + request.target()
                  + "' (onex.handlers.http.targets."
                  + request.target()
                  + ")"));
    }
    Map<String, String> metadata = request.intent().metadata();
    String method = metadata.getOrDefault("method", "POST").toUpperCase(java.util.Locale.ROOT);
    HttpRequest http =
        HttpRequest.create(base + metadata.getOrDefault("path", ""))
            .withMethod(HttpMethods.lookup(method).orElse(HttpMethods.POST))
            .addHeader(RawHeader.create("Idempotency-Key", request.idempotencyKey()))
            .addHeader(RawHeader.create("X-Correlation-Id", request.correlationId()));
    if (!"GET".equals(method) && !"DELETE".equals(method)) {
      http =
          http.withEntity(
              ContentTypes.APPLICATION_JSON,
              request.payload().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return Http.get(system)
        .singleRequest(http)
        .thenComposeAsync(
            response ->
                response
                    .entity()
                    .toStrict(requestTimeout.toMillis(), system)
                    .thenApplyAsync(
                        entity -> toResult(response, entity.getData().utf8String()), executor),
            executor);
  }

  private static EffectResult toResult(HttpResponse response, String body) {
    int status = response.status().intValue();
    if (status >= 200 && status < 300) {
      return EffectResult.of(parse(body));
    }
    String message = "HTTP " + status + (body.isBlank() ? "" : ": " + abbreviate(body));
    boolean retryable = status == 408 || status == 429 || status >= 500;
    throw new EffectException("http-" + status, message, retryable);
  }

  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return EngineJson.mapper().nullNode();
    }
    try {
      return EngineJson.mapper().readTree(body);
    } catch (IOException e) {
      return EngineJson.mapper().getNodeFactory().textNode(body);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }

  @Override
  public HandlerDescription describe() {
    return new HandlerDescription(
        "http",
        "Sends the intent's payload as JSON to the target's URL, with an Idempotency-Key header",
        targets);
  }

  @Override
  public CompletionStage<HandlerHealth> healthCheck() {
    return CompletableFuture.completedFuture(
        HandlerHealth.healthy(targets.size() + " target(s) configured"));
  }
}
