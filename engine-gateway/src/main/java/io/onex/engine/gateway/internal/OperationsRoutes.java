package io.onex.engine.gateway.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.engine.cluster.EngineHealth;
import io.onex.engine.cluster.EngineOperations;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.gateway.internal.ProblemCatalog.RequestProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The node over HTTP for operators: {@code GET /health} (200, or 503 naming the failing check),
 * {@code GET /metrics} (Prometheus text) and {@code GET /v1/handlers}.
 */
final class OperationsRoutes extends RouteSupport {

  private final EngineOperations operations;

  OperationsRoutes(EngineOperations operations, Executor executor, Config http) {
    super(executor, http);
    this.operations = operations;
  }

  /** The routes at the root: {@code /health} and {@code /metrics}. */
  /**
   * The probes, open to everyone: {@code GET /health/live} (200 while the process runs) and {@code
   * GET /health/ready} (200 once the journal and this cluster member are up, else 503).
   */
  Route probeRoutes() {
    return pathPrefix(
        "health",
        () ->
            concat(
                path(
                    "live",
                    () ->
                        get(
                            () ->
                                complete(
                                    jsonResponse(
                                        StatusCodes.OK,
                                        json.createObjectNode().put("status", "UP"))))),
                path("ready", () -> get(this::ready))));
  }

  private Route ready() {
    CompletionStage<HttpResponse> response =
        operations
            .health()
            .thenApplyAsync(
                health -> {
                  ObjectNode body = json.createObjectNode();
                  boolean ready = true;
                  ObjectNode checks = body.putObject("checks");
                  for (String name : java.util.List.of("journal", "cluster")) {
                    EngineHealth.Check check = health.checks().get(name);
                    boolean up = check != null && check.up();
                    ready &= up;
                    checks.put(name, up ? "UP" : "DOWN");
                  }
                  body.put("status", ready ? "UP" : "DOWN");
                  return jsonResponse(
                      ready ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, body);
                },
                executor);
    return completeWithFuture(response);
  }

  Route rootRoutes() {
    return concat(
        path("health", () -> get(this::health)), path("metrics", () -> get(this::metrics)));
  }

  /** The routes below {@code /v1}. */
  Route v1Routes() {
    return path("handlers", () -> get(this::listHandlers));
  }

  private Route listHandlers() {
    List<EffectHandler> all = operations.handlers().all();
    List<CompletableFuture<ObjectNode>> described =
        all.stream()
            .map(
                handler ->
                    handler
                        .healthCheck()
                        .toCompletableFuture()
                        .exceptionally(
                            error -> HandlerHealth.unhealthy(String.valueOf(error.getMessage())))
                        .thenApplyAsync(health -> handlerBody(handler, health), executor))
            .toList();
    CompletionStage<HttpResponse> response =
        CompletableFuture.allOf(described.toArray(CompletableFuture[]::new))
            .thenApplyAsync(
                done -> {
                  ObjectNode body = json.createObjectNode();
                  ArrayNode handlers = body.putArray("handlers");
                  described.forEach(entry -> handlers.add(entry.join()));
                  body.set("circuitBreakers", json.valueToTree(operations.circuitBreakers()));
                  return jsonResponse(StatusCodes.OK, body);
                },
                executor);
    return completeWithFuture(response);
  }

  private ObjectNode handlerBody(EffectHandler handler, HandlerHealth health) {
    ObjectNode entry = json.valueToTree(handler.describe());
    entry.put("status", health.healthy() ? "UP" : "DOWN");
    entry.put("detail", health.detail());
    if (health.latencyMs() != null) {
      entry.put("latencyMs", health.latencyMs());
    }
    if (health.lastError() != null) {
      entry.put("lastError", health.lastError());
    }
    return entry;
  }

  private Route health() {
    CompletionStage<HttpResponse> response =
        operations
            .health()
            .thenApplyAsync(
                health ->
                    jsonResponse(
                        health.status() == EngineHealth.Status.DOWN
                            ? StatusCodes.SERVICE_UNAVAILABLE
                            : StatusCodes.OK,
                        healthBody(health)),
                executor);
    return completeWithFuture(response);
  }

  private ObjectNode healthBody(EngineHealth health) {
    ObjectNode body = json.createObjectNode();
    body.put("status", health.status().name());
    ObjectNode checks = body.putObject("checks");
    health
        .checks()
        .forEach(
            (name, check) -> {
              ObjectNode node = checks.putObject(name);
              node.put("status", check.state());
              node.put("detail", check.detail());
              node.put("critical", check.critical());
            });
    body.set("circuitBreakers", json.valueToTree(operations.circuitBreakers()));
    return body;
  }

  private Route metrics() {
    if (operations.metrics() instanceof PrometheusMeterRegistry prometheus) {
      return complete(
          HttpResponse.create()
              .withEntity(
                  ContentTypes.TEXT_PLAIN_UTF8,
                  prometheus.scrape().getBytes(StandardCharsets.UTF_8)));
    }
    return extractUri(
        uri ->
            complete(
                Problem.of(
                        RequestProblem.METRICS_NOT_EXPOSED,
                        "This node records its metrics in a "
                            + operations.metrics().getClass().getSimpleName()
                            + ", which the embedding application publishes")
                    .toResponse(problemTypeBase, uri.path())));
  }
}
