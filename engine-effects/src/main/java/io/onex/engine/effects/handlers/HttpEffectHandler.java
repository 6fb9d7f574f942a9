package io.onex.engine.effects.handlers;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.core.secrets.Redaction;
import io.onex.engine.core.tracing.TraceParent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
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
 *
 * <p>A target is a base URL, or an object {@code {url, health-path, method, path, headers}}; {@code
 * method} and {@code path} are then defaults that the intent's metadata overrides (they reach the
 * handler as its operation configuration), and {@code headers} go with every request to the target,
 * health checks included ({@code Authorization = "Bearer ${secret:token}"}); they are never
 * described or logged. The health check asks every target: {@code GET <url><health-path>} answering
 * 2xx where a health path is configured, any HTTP answer at all otherwise; it reports the slowest
 * answer's latency and the last error met, by a check or by an intent.
 */
public final class HttpEffectHandler implements EffectHandler {

  private final ActorSystem<?> system;
  private final Executor executor;
  private final Tracer tracer;
  private final Map<String, Target> targets = new TreeMap<>();
  private Duration requestTimeout = Duration.ofSeconds(30);
  private Duration healthTimeout = Duration.ofSeconds(2);
  private volatile String lastError;

  /**
   * One configured target: its base URL, optionally the path that answers health checks, and the
   * headers every request to it carries (an {@code Authorization} from a secret, say).
   */
  private record Target(String url, String healthPath, Map<String, String> headers) {

    Target(String url) {
      this(url, null, Map.of());
    }

    HttpRequest authorised(HttpRequest request) {
      HttpRequest withHeaders = request;
      for (Map.Entry<String, String> header : headers.entrySet()) {
        withHeaders = withHeaders.addHeader(RawHeader.create(header.getKey(), header.getValue()));
      }
      return withHeaders;
    }
  }

  /** A handler whose calls are not traced (an incoming trace context is still passed on). */
  public HttpEffectHandler(ActorSystem<?> system) {
    this(system, OpenTelemetry.noop().getTracer("onex"));
  }

  /**
   * A handler that makes each call a client span of {@code tracer}, under the attempt's span, and
   * sends that span's context as the W3C {@code traceparent} header.
   */
  public HttpEffectHandler(ActorSystem<?> system, Tracer tracer) {
    this.system = system;
    this.executor = system.executionContext();
    this.tracer = tracer;
  }

  @Override
  public String handlerType() {
    return "http";
  }

  @Override
  public void initialize(Config config) {
    if (config.hasPath("targets")) {
      Config configured = config.getConfig("targets");
      configured
          .root()
          .forEach(
              (name, value) -> {
                if (value instanceof ConfigObject object) {
                  Config target = object.toConfig();
                  targets.put(
                      name,
                      new Target(
                          target.getString("url"),
                          target.hasPath("health-path") ? target.getString("health-path") : null,
                          headers(target)));
                } else {
                  targets.put(name, new Target(configured.getString(name)));
                }
              });
    }
    if (config.hasPath("request-timeout")) {
      requestTimeout = config.getDuration("request-timeout");
    }
    if (config.hasPath("health-timeout")) {
      healthTimeout = config.getDuration("health-timeout");
    }
  }

  /** Points {@code target} at {@code baseUrl}, replacing any configured URL. */
  public HttpEffectHandler target(String target, String baseUrl) {
    targets.put(target, new Target(baseUrl));
    return this;
  }

  @Override
  public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
    Target target = targets.get(request.target());
    if (target == null) {
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
    String method =
        setting(operationConfig, metadata, "method", "POST").toUpperCase(java.util.Locale.ROOT);
    HttpRequest http =
        HttpRequest.create(target.url() + setting(operationConfig, metadata, "path", ""))
            .withMethod(HttpMethods.lookup(method).orElse(HttpMethods.POST))
            .addHeader(RawHeader.create("Idempotency-Key", request.idempotencyKey()))
            .addHeader(RawHeader.create("X-Correlation-Id", request.correlationId()));
    http = target.authorised(http);
    Span call =
        tracer
            .spanBuilder("HTTP " + method)
            .setParent(TraceParent.context(request.traceparent()))
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.request.method", method)
            .setAttribute("url.full", Redaction.url(http.getUri().toString()))
            .setAttribute("onex.intent.target", request.target())
            .startSpan();
    String traceparent = TraceParent.of(call);
    if (traceparent != null) {
      http = http.addHeader(RawHeader.create(TraceParent.HEADER, traceparent));
    }
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
                        entity -> HttpAnswers.toResult(response, entity.getData().utf8String()),
                        executor),
            executor)
        .whenComplete(
            (result, error) -> {
              if (error != null) {
                lastError = request.target() + ": " + HttpAnswers.rootMessage(error);
                call.setStatus(StatusCode.ERROR, HttpAnswers.rootMessage(error));
              }
              call.end();
            });
  }

  private static Map<String, String> headers(Config target) {
    if (!target.hasPath("headers")) {
      return Map.of();
    }
    Map<String, String> headers = new TreeMap<>();
    target
        .getObject("headers")
        .forEach((name, value) -> headers.put(name, String.valueOf(value.unwrapped())));
    return Map.copyOf(headers);
  }

  private static String setting(
      Config operationConfig, Map<String, String> metadata, String key, String fallback) {
    if (operationConfig.hasPath(key)) {
      return operationConfig.getString(key);
    }
    return metadata.getOrDefault(key, fallback);
  }

  @Override
  public HandlerDescription describe() {
    Map<String, String> settings = new TreeMap<>();
    targets.forEach((name, target) -> settings.put(name, Redaction.url(target.url())));
    return new HandlerDescription(
        "http",
        "Sends the intent's payload as JSON to the target's URL, with an Idempotency-Key header",
        settings);
  }

  @Override
  public CompletionStage<HandlerHealth> healthCheck() {
    List<CompletableFuture<String>> checks =
        targets.entrySet().stream()
            .map(entry -> check(entry.getKey(), entry.getValue()).toCompletableFuture())
            .toList();
    long started = System.nanoTime();
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
        .thenApplyAsync(
            done -> {
              long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
              List<String> failures =
                  checks.stream().map(CompletableFuture::join).filter(f -> f != null).toList();
              if (!failures.isEmpty()) {
                lastError = failures.get(failures.size() - 1);
              }
              HandlerHealth health =
                  failures.isEmpty()
                      ? HandlerHealth.healthy(targets.size() + " target(s) answering")
                      : HandlerHealth.unhealthy(String.join("; ", failures));
              return health.withLatency(latency).withLastError(lastError);
            },
            executor);
  }

  /** Completes with {@code null} when {@code target} answers as healthy, or with why not. */
  private CompletionStage<String> check(String name, Target target) {
    String url = target.url() + (target.healthPath() == null ? "" : target.healthPath());
    return Http.get(system)
        .singleRequest(target.authorised(HttpRequest.create(url)))
        .thenCompose(
            response ->
                response
                    .discardEntityBytes(system)
                    .completionStage()
                    .thenApply(
                        discarded ->
                            target.healthPath() == null || response.status().isSuccess()
                                ? null
                                : name + ": GET " + url + " answered " + response.status()))
        .toCompletableFuture()
        .orTimeout(healthTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(
            error -> name + ": " + url + " unreachable (" + HttpAnswers.rootMessage(error) + ")");
  }
}
