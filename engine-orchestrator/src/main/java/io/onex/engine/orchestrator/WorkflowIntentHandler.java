package io.onex.engine.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.client.WorkflowClient;
import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.error.InstanceAlreadyExistsException;
import io.onex.engine.core.error.InstanceClosedException;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.core.json.EngineJson;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code workflow} intent handler: workflows acting on other workflows. The intent's target is
 * the other instance's workflow type; its payload's {@code operation} says what to do:
 *
 * <ul>
 *   <li>{@code start} ({@code instanceId}, {@code input}): starts a child instance, caused by the
 *       intent (its start names the parent's intent as causation and the parent's action as {@code
 *       parentActionId}, in the parent's correlation), and completes with the child's final view
 *       once it ends COMPLETED; a child that ends FAILED or CANCELLED fails the intent for good. A
 *       repeated attempt finds the child already started and waits for it again, so no second child
 *       is ever started.
 *   <li>{@code signal} ({@code instanceId}, {@code action}, {@code payload}): sends an action to
 *       another instance under the intent's idempotency key, so a repeated attempt is applied once.
 *   <li>{@code terminate} ({@code instanceId}, {@code reason}): terminates another instance; one
 *       already ended is left as it is.
 * </ul>
 *
 * Built before the engine it acts on; {@link #bind} hands it the engine's client, and attempts made
 * before that wait for it.
 */
public final class WorkflowIntentHandler implements EffectHandler {

  /** The intent type this handler carries out. */
  public static final String TYPE = "workflow";

  private final CompletableFuture<WorkflowClient> client = new CompletableFuture<>();

  /** Binds the client of the engine whose instances this handler acts on. */
  public void bind(WorkflowClient engineClient) {
    client.complete(engineClient);
  }

  @Override
  public String handlerType() {
    return TYPE;
  }

  @Override
  public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
    JsonNode payload = request.payload();
    String operation = payload.path("operation").asText("");
    String instanceId = payload.path("instanceId").asText("");
    if (instanceId.isEmpty()) {
      return CompletableFuture.failedFuture(
          EffectException.permanent(
              "invalid-intent", "a workflow intent needs payload.instanceId"));
    }
    return Stages.direct(client)
        .thenCompose(
            workflows ->
                switch (operation) {
                  case "start" ->
                      startAndAwait(workflows, request, instanceId, payload.path("input"));
                  case "signal" -> signal(workflows, request, instanceId, payload);
                  case "terminate" -> terminate(workflows, request, instanceId, payload);
                  default ->
                      CompletableFuture.failedFuture(
                          EffectException.permanent(
                              "invalid-intent",
                              "expected payload.operation start, signal or terminate, but got '"
                                  + operation
                                  + "'"));
                });
  }

  private CompletionStage<EffectResult> startAndAwait(
      WorkflowClient workflows, EffectRequest request, String childId, JsonNode input) {
    String type = request.target();
    StartRequest start =
        new StartRequest(
                childId,
                input.isMissingNode() ? null : input,
                null,
                null,
                null,
                request.idempotencyKey(),
                Map.of(
                    "onex.parentType", request.workflowType(),
                    "onex.parentId", request.instanceId()))
            .causedBy(
                request.correlationId(),
                request.intent().intentId(),
                request.intent().emittingActionId());
    return Stages.direct(workflows.start(type, start))
        .handle((view, error) -> alreadyStarted(error))
        .thenCompose(
            started ->
                Stages.direct(
                    workflows
                        .instance(type, childId)
                        .awaitEnd(
                            Duration.ofMillis(request.intent().retryPolicy().attemptTimeoutMs()))))
        .thenApply(this::childOutcome);
  }

  private static Void alreadyStarted(Throwable error) {
    Throwable cause = Stages.unwrap(error);
    if (cause == null || cause instanceof InstanceAlreadyExistsException) {
      return null;
    }
    throw asEffectFailure(cause);
  }

  private EffectResult childOutcome(InstanceView child) {
    if (child.status() == InstanceStatus.COMPLETED) {
      ObjectNode result = EngineJson.mapper().createObjectNode();
      result.put("instanceId", child.instanceId());
      result.put("status", child.status().name());
      result.set("state", child.state());
      return EffectResult.of(result);
    }
    throw EffectException.permanent(
        "child-" + child.status().name().toLowerCase(java.util.Locale.ROOT),
        "child "
            + child.type()
            + " "
            + child.instanceId()
            + " ended "
            + child.status()
            + (child.statusReason() == null ? "" : ": " + child.statusReason()));
  }

  private CompletionStage<EffectResult> signal(
      WorkflowClient workflows, EffectRequest request, String instanceId, JsonNode payload) {
    String action = payload.path("action").asText("");
    if (action.isEmpty()) {
      return CompletableFuture.failedFuture(
          EffectException.permanent("invalid-intent", "a signal needs payload.action"));
    }
    JsonNode body = payload.path("payload");
    ActionRequest signal =
        new ActionRequest(
            action,
            body.isMissingNode() ? null : body,
            request.correlationId(),
            null,
            null,
            null,
            null,
            request.idempotencyKey(),
            Map.of(
                "onex.senderType", request.workflowType(),
                "onex.senderId", request.instanceId()));
    return Stages.direct(workflows.instance(request.target(), instanceId).send(signal))
        .handle(
            (outcome, error) -> {
              if (error != null) {
                throw asEffectFailure(Stages.unwrap(error));
              }
              return EffectResult.of(EngineJson.mapper().valueToTree(outcome));
            });
  }

  private CompletionStage<EffectResult> terminate(
      WorkflowClient workflows, EffectRequest request, String instanceId, JsonNode payload) {
    String reason = payload.path("reason").asText("terminated by " + request.instanceId());
    return Stages.direct(workflows.controls().terminate(request.target(), instanceId, reason))
        .handle(
            (view, error) -> {
              Throwable cause = Stages.unwrap(error);
              if (cause != null && !(cause instanceof InstanceClosedException)) {
                throw asEffectFailure(cause);
              }
              ObjectNode result = EngineJson.mapper().createObjectNode();
              result.put("instanceId", instanceId);
              result.put("terminated", cause == null);
              return EffectResult.of(result);
            });
  }

  /**
   * A refusal by the other instance (a typed engine error other than unavailability) will not
   * change on retry; anything else may.
   */
  private static RuntimeException asEffectFailure(Throwable cause) {
    if (cause instanceof EffectException effect) {
      return effect;
    }
    if (cause instanceof WorkflowException refused
        && !(refused instanceof io.onex.engine.core.error.EngineUnavailableException)) {
      return EffectException.permanent(refused.code(), refused.getMessage());
    }
    return EffectException.retryable(
        "workflow-unavailable", cause == null ? "unknown" : String.valueOf(cause.getMessage()));
  }

  @Override
  public HandlerDescription describe() {
    return new HandlerDescription(
        TYPE,
        "Starts child workflows and awaits their end, signals and terminates other instances",
        Map.of("bound", Boolean.toString(client.isDone())));
  }
}
