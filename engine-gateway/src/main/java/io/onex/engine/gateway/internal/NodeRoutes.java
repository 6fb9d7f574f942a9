package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.typesafe.config.Config;
import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeQuery;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.cluster.registry.NodeType;
import io.onex.engine.core.error.NodeNotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The node registry over HTTP: {@code GET /v1/nodes?type=&environment=&group=&health=} and {@code
 * GET /v1/nodes/{id}}.
 */
final class NodeRoutes extends RouteSupport {

  private final NodeRegistry nodes;

  NodeRoutes(NodeRegistry nodes, Executor executor, Config http) {
    super(executor, http);
    this.nodes = nodes;
  }

  /** The routes below {@code /v1}. */
  Route routes() {
    return pathPrefix(
        "nodes",
        () ->
            concat(
                pathEndOrSingleSlash(() -> get(this::discover)),
                path(
                    segment(),
                    id ->
                        get(
                            () ->
                                respond(
                                    StatusCodes.OK,
                                    nodes
                                        .node(id)
                                        .thenApply(
                                            node ->
                                                node.orElseThrow(
                                                    () -> new NodeNotFoundException(id))),
                                    node -> node)))));
  }

  private Route discover() {
    return parameterOptional(
        "type",
        type ->
            parameterOptional(
                "environment",
                environment ->
                    parameterOptional(
                        "group",
                        group ->
                            parameterOptional(
                                "health",
                                health -> {
                                  NodeQuery query =
                                      new NodeQuery(
                                          named("type", type, NodeType.class),
                                          environment.orElse(null),
                                          group.orElse(null),
                                          named("health", health, HealthStatus.class));
                                  return respond(
                                      StatusCodes.OK,
                                      nodes.discover(query),
                                      nodes -> Map.of("nodes", nodes));
                                }))));
  }

  private static <E extends Enum<E>> E named(String field, Optional<String> raw, Class<E> type) {
    if (raw.isEmpty() || raw.get().isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, raw.get().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw BadRequest.invalid(
              "Expected query parameter '"
                  + field
                  + "' to be one of "
                  + List.of(type.getEnumConstants())
                  + ", but got '"
                  + raw.get()
                  + "'")
          .field(field);
    }
  }
}
