package io.onex.engine.gateway.internal;

import com.typesafe.config.Config;
import io.onex.engine.cluster.EngineOperations;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** The cluster over HTTP: its members and shard distribution, {@code GET /v1/cluster}. */
final class ClusterRoutes extends RouteSupport {

  private final EngineOperations operations;

  ClusterRoutes(EngineOperations operations, Executor executor, Config http) {
    super(executor, http);
    this.operations = operations;
  }

  /** The routes below {@code /v1}. */
  Route routes() {
    return path(
        "cluster", () -> get(() -> respond(StatusCodes.OK, operations.cluster(), view -> view)));
  }
}
