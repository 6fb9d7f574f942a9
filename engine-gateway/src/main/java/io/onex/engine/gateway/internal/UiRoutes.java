package io.onex.engine.gateway.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.gateway.Roles;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The history viewer: its page and assets at {@code /ui} (static, served from the jar, open like
 * the probes since they hold no data; the page asks for credentials and sends them with each call),
 * and {@code GET /v1/me}, which tells the page who the caller is and which roles it has, so that it
 * shows only the controls the caller may use.
 */
final class UiRoutes extends RouteSupport {

  private static final String ASSETS = "onex/ui";

  /** The page loads nothing but its own assets and talks to nothing but this gateway. */
  private static final List<HttpHeader> ASSET_HEADERS =
      List.of(
          RawHeader.create(
              "Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
          RawHeader.create("X-Content-Type-Options", "nosniff"),
          RawHeader.create("Referrer-Policy", "no-referrer"));

  UiRoutes(Executor executor, Config http) {
    super(executor, http);
  }

  /** {@code GET /ui}, {@code /ui/}, {@code /ui/<asset>}. */
  Route assets() {
    return pathPrefix(
        "ui",
        () ->
            get(
                () ->
                    respondWithHeaders(
                        ASSET_HEADERS,
                        () ->
                            concat(
                                pathEndOrSingleSlash(() -> getFromResource(ASSETS + "/index.html")),
                                getFromResourceDirectory(ASSETS)))));
  }

  /** {@code GET /v1/me}: the caller's principal and roles. */
  Route me() {
    return path(
        "me",
        () ->
            get(
                () ->
                    optionalHeaderValueByName(
                        GatewayRoutes.PRINCIPAL_HEADER,
                        principal ->
                            optionalHeaderValueByName(
                                GatewayRoutes.ROLES_HEADER,
                                roles ->
                                    complete(
                                        jsonResponse(StatusCodes.OK, me(principal, roles)))))));
  }

  private static ObjectNode me(Optional<String> principal, Optional<String> roles) {
    ObjectNode body = EngineJson.mapper().createObjectNode();
    body.put("authenticated", principal.isPresent());
    body.put("principal", principal.orElse("anonymous"));
    ArrayNode granted = body.putArray("roles");
    if (principal.isEmpty()) {
      // authentication is off (dev only): anyone may do anything
      List.of(Roles.READER, Roles.OPERATOR, Roles.ADMIN).forEach(granted::add);
    } else {
      roles.stream()
          .flatMap(value -> Arrays.stream(value.split(",")))
          .map(String::trim)
          .filter(role -> !role.isEmpty())
          .forEach(granted::add);
    }
    return body;
  }
}
