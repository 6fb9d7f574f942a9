package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.engine.cluster.ActionRequest;
import io.onex.engine.cluster.EngineHealth;
import io.onex.engine.cluster.StartRequest;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.lease.LeaseConflictException;
import io.onex.engine.cluster.lease.LeaseException;
import io.onex.engine.cluster.lease.LeaseNotFoundException;
import io.onex.engine.cluster.registry.NodeNotFoundException;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowException;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.persistence.ActionOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP API. Every response body is JSON; every error is {@code
 * application/problem+json} without a stack trace. Bodies are read strictly up to {@code
 * onex.http.max-body-size}; bad input is refused before it reaches an instance.
 */
public final class GatewayRoutes extends RouteSupport {

  private static final Logger log = LoggerFactory.getLogger(GatewayRoutes.class);
  private static final String CORRELATION_HEADER = "X-Correlation-Id";
  private static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final WorkflowEngine engine;
  private final HistoryRoutes history;
  private final ClusterRoutes cluster;
  private final NodeRoutes nodes;

  public GatewayRoutes(WorkflowEngine engine, Config config) {
    super(engine.system().executionContext(), config.getConfig("onex.http"));
    this.engine = engine;
    this.history = new HistoryRoutes(engine, config.getConfig("onex.http"));
    this.cluster = new ClusterRoutes(engine, config);
    this.nodes = new NodeRoutes(engine, config.getConfig("onex.http"));
  }

  public Route routes() {
    return extractUri(
        uri ->
            handleExceptions(
                exceptionHandler(uri.path()),
                () ->
                    handleRejections(
                        rejectionHandler(uri.path()),
                        () ->
                            concat(
                                path("health", () -> get(this::health)),
                                path("metrics", () -> get(this::metrics)),
                                pathPrefix("v1", this::v1Routes)))));
  }

  private Route v1Routes() {
    return concat(
        path("handlers", () -> get(this::listHandlers)),
        workflowRoutes(),
        cluster.routes(),
        nodes.routes());
  }

  private Route listHandlers() {
    List<EffectHandler> all = engine.handlers().all();
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
                  body.set("circuitBreakers", json.valueToTree(engine.circuitBreakers()));
                  return jsonResponse(StatusCodes.OK, body);
                },
                executor);
    return completeWithFuture(response);
  }

  private ObjectNode handlerBody(EffectHandler handler, HandlerHealth health) {
    ObjectNode entry = json.valueToTree(handler.describe());
    entry.put("status", health.healthy() ? "UP" : "DOWN");
    entry.put("detail", health.detail());
    return entry;
  }

  private Route workflowRoutes() {
    return pathPrefix(
        "workflows",
        () ->
            concat(
                pathEndOrSingleSlash(() -> get(this::listWorkflows)),
                pathPrefix(
                    segment(),
                    type ->
                        concat(
                            path("replay-check", () -> post(() -> history.replayCheck(type))),
                            pathPrefix(
                                "instances",
                                () ->
                                    concat(
                                        pathEndOrSingleSlash(() -> post(() -> startInstance(type))),
                                        pathPrefix(
                                            segment(),
                                            id ->
                                                concat(
                                                    pathEndOrSingleSlash(
                                                        () -> get(() -> getInstance(type, id))),
                                                    path(
                                                        "actions",
                                                        () -> post(() -> sendAction(type, id))),
                                                    history.instanceRoutes(type, id)))))))));
  }

  private Route startInstance(String type) {
    return jsonBody(
        body ->
            flow(
                body,
                (correlationId, idempotencyKey) -> {
                  StartRequest request =
                      new StartRequest(
                          optionalText(body, "instanceId"),
                          body.get("input"),
                          correlationId,
                          optionalText(body, "leaseId"),
                          optionalLong(body, "fencingToken"),
                          idempotencyKey,
                          Map.of());
                  return respond(StatusCodes.CREATED, engine.start(type, request), view -> view);
                }));
  }

  private Route sendAction(String type, String id) {
    return jsonBody(
        body ->
            flow(
                body,
                (correlationId, idempotencyKey) -> {
                  ActionRequest request =
                      new ActionRequest(
                          requiredText(body, "type"),
                          body.get("payload"),
                          correlationId,
                          optionalText(body, "leaseId"),
                          optionalLong(body, "fencingToken"),
                          optionalLong(body, "expectedEpoch"),
                          optionalInstant(body, "expiresAt"),
                          idempotencyKey,
                          Map.of());
                  return respond(StatusCodes.OK, engine.send(type, id, request), this::outcomeBody);
                }));
  }

  /**
   * The request's correlation id and idempotency key, each from its header ({@code
   * X-Correlation-Id}, {@code Idempotency-Key}) or else from the body field of the same meaning.
   */
  private Route flow(ObjectNode body, BiFunction<String, String, Route> inner) {
    return optionalHeaderValueByName(
        CORRELATION_HEADER,
        correlation ->
            optionalHeaderValueByName(
                IDEMPOTENCY_HEADER,
                key ->
                    inner.apply(
                        correlation.orElseGet(() -> optionalText(body, "correlationId")),
                        key.orElseGet(() -> optionalText(body, "idempotencyKey")))));
  }

  private Route getInstance(String type, String id) {
    return respond(StatusCodes.OK, engine.get(type, id), view -> view);
  }

  private Route listWorkflows() {
    List<CompletableFuture<ObjectNode>> entries =
        engine.registry().types().stream()
            .map(
                type ->
                    engine
                        .instancesByVersion(type)
                        .toCompletableFuture()
                        .thenApplyAsync(counts -> workflowEntry(type, counts), executor))
            .toList();
    CompletionStage<HttpResponse> response =
        CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new))
            .thenApplyAsync(
                done -> {
                  ObjectNode body = json.createObjectNode();
                  ArrayNode workflows = body.putArray("workflows");
                  entries.forEach(entry -> workflows.add(entry.join()));
                  return jsonResponse(StatusCodes.OK, body);
                },
                executor);
    return completeWithFuture(response);
  }

  private ObjectNode workflowEntry(String type, Map<Integer, Long> instances) {
    ObjectNode entry = json.createObjectNode();
    entry.put("type", type);
    entry.put("version", engine.registry().require(type).version());
    ArrayNode versions = entry.putArray("versions");
    for (WorkflowDefinition<?, ?> definition : engine.registry().versions(type)) {
      ObjectNode version = versions.addObject();
      version.put("version", definition.version());
      version.put("description", definition.description());
      version.put("instances", instances.getOrDefault(definition.version(), 0L));
      ObjectNode schemas = version.putObject("schemas");
      schemas.set("state", definition.stateSchema());
      schemas.set("start", definition.start().schema());
      ObjectNode actions = schemas.putObject("actions");
      definition.actions().forEach((name, spec) -> actions.set(name, spec.schema()));
    }
    return entry;
  }

  private Route health() {
    CompletionStage<HttpResponse> response =
        engine
            .health()
            .thenApplyAsync(
                health ->
                    jsonResponse(
                        health.up() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE,
                        healthBody(health)),
                executor);
    return completeWithFuture(response);
  }

  private Route metrics() {
    if (engine.metrics() instanceof PrometheusMeterRegistry prometheus) {
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
                        "metrics-not-exposed",
                        StatusCodes.NOT_FOUND,
                        "Metrics not exposed",
                        "This node records its metrics in a "
                            + engine.metrics().getClass().getSimpleName()
                            + ", which the embedding application publishes")
                    .toResponse(problemTypeBase, uri.path())));
  }

  private ObjectNode healthBody(EngineHealth health) {
    ObjectNode body = json.createObjectNode();
    body.put("status", health.up() ? "UP" : "DOWN");
    ObjectNode checks = body.putObject("checks");
    health
        .checks()
        .forEach(
            (name, check) -> {
              ObjectNode node = checks.putObject(name);
              node.put("status", check.up() ? "UP" : "DOWN");
              node.put("detail", check.detail());
            });
    body.set("circuitBreakers", json.valueToTree(engine.circuitBreakers()));
    return body;
  }

  private ObjectNode outcomeBody(ActionOutcome outcome) {
    ObjectNode body = json.valueToTree(outcome.instance());
    body.set("intents", json.valueToTree(outcome.intents()));
    return body;
  }

  private ExceptionHandler exceptionHandler(String path) {
    return ExceptionHandler.newBuilder()
        .matchAny(error -> complete(problemFor(unwrap(error)).toResponse(problemTypeBase, path)))
        .build();
  }

  private RejectionHandler rejectionHandler(String path) {
    return RejectionHandler.defaultHandler()
        .mapRejectionResponse(
            response -> {
              if (response.entity().getContentType().equals(Problem.PROBLEM_JSON)) {
                return response;
              }
              StatusCode status = response.status();
              Problem problem =
                  status.intValue() == StatusCodes.PAYLOAD_TOO_LARGE.intValue()
                      ? payloadTooLarge()
                      : Problem.of(
                          codeFor(status),
                          status,
                          status.reason(),
                          ((HttpEntity.Strict) response.entity()).getData().utf8String());
              return problem.toResponse(problemTypeBase, path);
            });
  }

  private static String codeFor(StatusCode status) {
    return status.reason().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private Problem problemFor(Throwable error) {
    if (error instanceof WorkflowException workflowError) {
      return Problem.of(workflowError);
    }
    if (error instanceof LeaseException leaseError) {
      return Problem.of(
          leaseError.code(),
          leaseError instanceof LeaseNotFoundException
              ? StatusCodes.NOT_FOUND
              : StatusCodes.CONFLICT,
          leaseError instanceof LeaseConflictException
              ? "Lease held by another owner"
              : "Lease not held",
          leaseError.getMessage());
    }
    if (error instanceof NodeNotFoundException notFound) {
      return Problem.of(
          "node-not-found", StatusCodes.NOT_FOUND, "Node not found", notFound.getMessage());
    }
    if (error instanceof BadRequest bad) {
      return Problem.of(bad.code, StatusCodes.BAD_REQUEST, bad.title, bad.getMessage())
          .with("field", bad.field);
    }
    if (error instanceof PayloadTooLarge || error instanceof EntityStreamSizeException) {
      return payloadTooLarge();
    }
    if (error instanceof IllegalRequestException illegal) {
      return Problem.of(
          codeFor(illegal.status()),
          illegal.status(),
          illegal.status().reason(),
          illegal.info().summary());
    }
    if (error instanceof IllegalArgumentException) {
      return Problem.of(
          "invalid-request", StatusCodes.BAD_REQUEST, "Invalid request", error.getMessage());
    }
    log.error("Request failed unexpectedly", error);
    return Problem.of(
        "internal-error",
        StatusCodes.INTERNAL_SERVER_ERROR,
        "Internal error",
        "The request failed unexpectedly; the node's log has the details");
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
