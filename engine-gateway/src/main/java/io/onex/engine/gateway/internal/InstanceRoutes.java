package io.onex.engine.gateway.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.client.WorkflowClient;
import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.core.tracing.TraceParent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Workflow instances over HTTP: {@code POST /v1/workflows/{type}/instances} starts one (201),
 * {@code GET .../instances/{id}} reads it, {@code POST .../instances/{id}/actions} sends it an
 * action. A correlation id and an idempotency key may come as headers or body fields.
 */
final class InstanceRoutes extends RouteSupport {

  private static final String CORRELATION_HEADER = "X-Correlation-Id";
  private static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final WorkflowClient client;

  /** Action metadata naming the authenticated principal that sent the action. */
  static final String PRINCIPAL_METADATA = io.onex.engine.core.Action.PRINCIPAL_METADATA;

  InstanceRoutes(WorkflowClient client, Executor executor, Config http) {
    super(executor, http);
    this.client = client;
  }

  /** {@code POST /v1/workflows/{type}/instances}. */
  Route start(String type) {
    return jsonBody(
        body ->
            flow(
                body,
                (correlationId, idempotencyKey, metadata) -> {
                  StartRequest request =
                      new StartRequest(
                          optionalText(body, "instanceId"),
                          body.get("input"),
                          correlationId,
                          optionalText(body, "leaseId"),
                          optionalLong(body, "fencingToken"),
                          idempotencyKey,
                          metadata);
                  return extractRequest(
                      http ->
                          respond(
                              StatusCodes.CREATED,
                              Stages.direct(client.start(type, request))
                                  .thenApply(
                                      view -> {
                                        RequestTraces.concerns(http, view.instanceId());
                                        return view;
                                      }),
                              view -> view));
                }));
  }

  /** {@code GET /v1/workflows/{type}/instances/{id}}. */
  Route get(String type, String id) {
    return respond(StatusCodes.OK, client.get(type, id), view -> view);
  }

  /** {@code POST /v1/workflows/{type}/instances/{id}/actions}. */
  Route send(String type, String id) {
    return jsonBody(
        body ->
            flow(
                body,
                (correlationId, idempotencyKey, metadata) -> {
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
                          metadata);
                  return respond(StatusCodes.OK, client.send(type, id, request), this::outcomeBody);
                }));
  }

  /**
   * The request's correlation id and idempotency key, each from its header ({@code
   * X-Correlation-Id}, {@code Idempotency-Key}) or else from the body field of the same meaning.
   */
  private Route flow(ObjectNode body, FlowRoute inner) {
    return optionalHeaderValueByName(
        GatewayRoutes.PRINCIPAL_HEADER,
        principal ->
            optionalHeaderValueByName(
                TraceParent.HEADER,
                trace ->
                    flow(
                        body,
                        (correlationId, idempotencyKey) ->
                            inner.apply(
                                correlationId, idempotencyKey, metadata(principal, trace)))));
  }

  /** The action metadata naming who asked and the trace (the request's span) it belongs to. */
  private static Map<String, String> metadata(Optional<String> principal, Optional<String> trace) {
    Map<String, String> metadata = new HashMap<>();
    principal.ifPresent(name -> metadata.put(PRINCIPAL_METADATA, name));
    trace.ifPresent(traceparent -> metadata.put(TraceParent.METADATA_KEY, traceparent));
    return Map.copyOf(metadata);
  }

  /** A route of a flow: its correlation id, idempotency key, and metadata naming who asked. */
  @FunctionalInterface
  private interface FlowRoute {
    Route apply(String correlationId, String idempotencyKey, Map<String, String> metadata);
  }

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
}
