package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.core.client.InstanceControls;
import io.onex.engine.core.client.SkipRequest;
import io.onex.engine.core.concurrent.Stages;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The operator controls of one instance, each journaled as an event of it: {@code POST
 * .../instances/{id}/terminate {"reason"}}, {@code POST .../intents/{intentId}/retry {"reason"}},
 * {@code POST .../intents/{intentId}/skip {"outcome": "SUCCEEDED"|"FAILED", "result"?, "error"?,
 * "reason"}}, {@code POST .../migrate {"definitionVersion"}} and {@code DELETE .../instances/{id}}
 * (erase an ended instance, 204).
 */
final class ControlRoutes extends RouteSupport {

  private final InstanceControls controls;

  ControlRoutes(InstanceControls controls, Executor executor, Config http) {
    super(executor, http);
    this.controls = controls;
  }

  /** {@code DELETE /v1/workflows/{type}/instances/{id}}: erases an ended instance; 204. */
  Route erase(String type, String id) {
    return completeWithFuture(
        Stages.direct(controls.erase(type, id))
            .thenApply(done -> HttpResponse.create().withStatus(StatusCodes.NO_CONTENT)));
  }

  /** The routes below {@code /v1/workflows/{type}/instances/{id}}. */
  Route instanceRoutes(String type, String id) {
    return concat(
        path("terminate", () -> post(() -> terminate(type, id))),
        path("migrate", () -> post(() -> migrate(type, id))),
        pathPrefix(
            "intents",
            () ->
                pathPrefix(
                    segment(),
                    intentId ->
                        concat(
                            path("retry", () -> post(() -> retry(type, id, intentId))),
                            path("skip", () -> post(() -> skip(type, id, intentId)))))));
  }

  /**
   * A control: {@code call} with the controls acting for the authenticated caller (if there is one)
   * and the request's JSON body, answered 200 with {@code body} of its result.
   */
  private <T> Route control(
      java.util.function.BiFunction<InstanceControls, ObjectNode, CompletionStage<T>> call,
      java.util.function.Function<T, Object> body) {
    return optionalHeaderValueByName(
        GatewayRoutes.PRINCIPAL_HEADER,
        principal -> {
          InstanceControls acting = principal.map(controls::onBehalfOf).orElse(controls);
          return jsonBody(request -> respond(StatusCodes.OK, call.apply(acting, request), body));
        });
  }

  private Route terminate(String type, String id) {
    return control(
        (acting, body) -> acting.terminate(type, id, requiredText(body, "reason")), view -> view);
  }

  private Route migrate(String type, String id) {
    return control((acting, body) -> acting.migrate(type, id, requiredVersion(body)), view -> view);
  }

  private Route retry(String type, String id, String intentId) {
    return control(
        (acting, body) -> acting.retryIntent(type, id, intentId, requiredText(body, "reason")),
        this::outcomeBody);
  }

  private Route skip(String type, String id, String intentId) {
    return control(
        (acting, body) -> acting.skipIntent(type, id, intentId, skipRequest(body)),
        this::outcomeBody);
  }

  private static SkipRequest skipRequest(ObjectNode body) {
    String reason = requiredText(body, "reason");
    String outcome = requiredText(body, "outcome").trim().toUpperCase(Locale.ROOT);
    JsonNode result = body.get("result");
    return switch (outcome) {
      case "SUCCEEDED" -> SkipRequest.succeeded(result, reason);
      case "FAILED" -> SkipRequest.failed(requiredText(body, "error"), reason);
      default ->
          throw BadRequest.invalid(
                  "Expected field 'outcome' to be SUCCEEDED or FAILED, but got '"
                      + body.get("outcome").asText()
                      + "'")
              .field("outcome");
    };
  }
}
