package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.core.Rollout;
import io.onex.engine.core.error.EngineUnavailableException;
import io.onex.engine.orchestrator.SpecCatalog;
import io.onex.engine.orchestrator.WorkflowSpecs;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Workflow specs over HTTP: the spec schema ({@code GET /v1/schemas/workflow-spec}), registering a
 * version ({@code PUT /v1/workflows/{type}/versions/{v}}, JSON or YAML: 201 when new, 200 when that
 * version has the same body already, 422 naming each invalid field, 409 when it has another body),
 * reading one ({@code GET} there), and rollouts ({@code PUT /v1/workflows/{type}/rollout}).
 */
final class SpecRoutes extends RouteSupport {

  private static final ContentType SCHEMA_JSON =
      MediaTypes.applicationWithFixedCharset("schema+json", HttpCharsets.UTF_8).toContentType();

  private final Optional<SpecCatalog> specs;
  private final byte[] schema;

  SpecRoutes(Optional<SpecCatalog> specs, Executor executor, Config http) {
    super(executor, http);
    this.specs = specs;
    this.schema = WorkflowSpecs.schema().toPrettyString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code /v1/schemas/...}. */
  Route schemaRoutes() {
    return pathPrefix(
        "schemas",
        () ->
            path(
                "workflow-spec",
                () ->
                    get(
                        () ->
                            complete(
                                HttpResponse.create()
                                    .withStatus(StatusCodes.OK)
                                    .withEntity(SCHEMA_JSON, schema)))));
  }

  /** {@code /v1/workflows/{type}/versions/...} and {@code /v1/workflows/{type}/rollout}. */
  Route typeRoutes(String type) {
    return concat(
        path("rollout", () -> put(() -> jsonBody(body -> rollout(type, body)))),
        pathPrefix(
            "versions",
            () ->
                pathPrefix(
                    segment(),
                    version ->
                        pathEndOrSingleSlash(
                            () ->
                                concat(
                                    put(() -> textBody(text -> register(type, version, text))),
                                    get(() -> read(type, version)))))));
  }

  private Route register(String type, String versionText, String text) {
    int version = version(versionText);
    JsonNode document = WorkflowSpecs.read(text);
    CompletionStage<SpecCatalog.Registration> registered =
        catalog().thenCompose(catalog -> catalog.register(type, version, document));
    return completeWithFuture(
        registered.thenApply(
            registration -> {
              ObjectNode body = json.createObjectNode();
              body.put("type", type);
              body.put("version", version);
              body.put("created", registration.created());
              body.set("spec", json.valueToTree(registration.spec()));
              return jsonResponse(
                  registration.created() ? StatusCodes.CREATED : StatusCodes.OK, body);
            }));
  }

  private Route read(String type, String versionText) {
    int version = version(versionText);
    return respond(
        StatusCodes.OK,
        catalog()
            .thenApply(
                catalog ->
                    catalog
                        .document(type, version)
                        .orElseThrow(
                            () ->
                                new io.onex.engine.core.error.UnknownWorkflowTypeException(
                                    type, version))),
        body -> body);
  }

  private Route rollout(String type, ObjectNode body) {
    Long version = optionalLong(body, "version");
    Long percent = optionalLong(body, "percent");
    if (version == null || version < 1 || version > Integer.MAX_VALUE) {
      throw BadRequest.invalid("Expected a positive integer field 'version'").field("version");
    }
    if (percent == null || percent < 0 || percent > 100) {
      throw BadRequest.invalid("Expected an integer field 'percent' from 0 to 100")
          .field("percent");
    }
    Rollout rollout = new Rollout(version.intValue(), percent.intValue());
    return respond(
        StatusCodes.OK,
        catalog().thenCompose(catalog -> catalog.rollout(type, rollout)),
        set ->
            json.createObjectNode()
                .put("type", type)
                .put("version", set.version())
                .put("percent", set.percent()));
  }

  /** Whether version {@code version} of {@code type} is defined by a spec. */
  boolean isSpec(String type, int version) {
    return specs.map(catalog -> catalog.isSpec(type, version)).orElse(false);
  }

  private static int version(String text) {
    try {
      int version = Integer.parseInt(text);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw BadRequest.invalid("Expected a version of 1 or more, but got '" + text + "'")
        .field("version");
  }

  private CompletionStage<SpecCatalog> catalog() {
    return specs
        .<CompletionStage<SpecCatalog>>map(CompletableFuture::completedFuture)
        .orElseGet(
            () ->
                CompletableFuture.failedFuture(
                    new EngineUnavailableException(
                        "Expected the orchestrator to run on this node for workflow specs, but it"
                            + " was not started",
                        null)));
  }
}
