package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.InstanceCounts;
import io.onex.engine.core.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Everything below {@code /v1/workflows}: the registered types with their versions, their instance
 * counts from the instance index (in total, per version and per status) and JSON Schemas ({@code
 * GET /v1/workflows}), and the routes of each type's instances, lists, event streams and histories.
 */
final class WorkflowRoutes extends RouteSupport {

  private final WorkflowRegistry registry;
  private final WorkflowClient client;
  private final InstanceRoutes instances;
  private final InstanceListRoutes lists;
  private final HistoryRoutes histories;
  private final EventStreamRoutes streams;
  private final ControlRoutes controls;
  private final SpecRoutes specs;

  WorkflowRoutes(
      WorkflowRegistry registry,
      WorkflowClient client,
      InstanceRoutes instances,
      InstanceListRoutes lists,
      HistoryRoutes histories,
      EventStreamRoutes streams,
      ControlRoutes controls,
      SpecRoutes specs,
      Executor executor,
      Config http) {
    super(executor, http);
    this.registry = registry;
    this.client = client;
    this.instances = instances;
    this.lists = lists;
    this.histories = histories;
    this.streams = streams;
    this.controls = controls;
    this.specs = specs;
  }

  /** The routes below {@code /v1}. */
  Route routes() {
    return pathPrefix(
        "workflows",
        () ->
            concat(
                pathEndOrSingleSlash(() -> get(this::listWorkflows)),
                pathPrefix(segment(), this::typeRoutes)));
  }

  private Route typeRoutes(String type) {
    return concat(
        specs.typeRoutes(type),
        path("replay-check", () -> post(() -> histories.replayCheck(type))),
        path("events", () -> get(() -> streams.ofType(type))),
        pathPrefix(
            "instances",
            () ->
                concat(
                    pathEndOrSingleSlash(
                        () ->
                            concat(
                                post(() -> instances.start(type)),
                                get(() -> lists.listOfType(type)))),
                    pathPrefix(segment(), id -> instanceRoutes(type, id)))));
  }

  private Route instanceRoutes(String type, String id) {
    return concat(
        pathEndOrSingleSlash(
            () ->
                concat(get(() -> instances.get(type, id)), delete(() -> controls.erase(type, id)))),
        path("actions", () -> post(() -> instances.send(type, id))),
        path("events", () -> get(() -> streams.ofInstance(type, id))),
        controls.instanceRoutes(type, id),
        histories.instanceRoutes(type, id));
  }

  private Route listWorkflows() {
    List<CompletableFuture<ObjectNode>> entries =
        registry.types().stream()
            .map(
                type ->
                    client
                        .counts(type)
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

  private ObjectNode workflowEntry(String type, InstanceCounts counts) {
    Map<Integer, Long> instanceCounts = counts.byVersion();
    ObjectNode entry = json.createObjectNode();
    entry.put("type", type);
    entry.put("version", registry.require(type).version());
    entry.put("instances", counts.total());
    registry
        .rollout(type)
        .ifPresent(
            rollout ->
                entry
                    .putObject("rollout")
                    .put("version", rollout.version())
                    .put("percent", rollout.percent()));
    ObjectNode statuses = entry.putObject("statuses");
    for (InstanceStatus status : InstanceStatus.values()) {
      statuses.put(status.name(), counts.byStatus().getOrDefault(status, 0L));
    }
    ArrayNode versions = entry.putArray("versions");
    for (WorkflowDefinition<?, ?> definition : registry.versions(type)) {
      ObjectNode version = versions.addObject();
      version.put("version", definition.version());
      version.put("description", definition.description());
      version.put("spec", specs.isSpec(type, definition.version()));
      version.put("instances", instanceCounts.getOrDefault(definition.version(), 0L));
      ObjectNode schemas = version.putObject("schemas");
      schemas.set("state", definition.stateSchema());
      schemas.set("start", definition.start().schema());
      ObjectNode actions = schemas.putObject("actions");
      definition.actions().forEach((name, spec) -> actions.set(name, spec.schema()));
    }
    return entry;
  }
}
