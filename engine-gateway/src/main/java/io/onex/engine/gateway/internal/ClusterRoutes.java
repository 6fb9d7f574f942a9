package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.lease.Lease;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The cluster over HTTP: its members and shard distribution ({@code /v1/cluster}) and the lease
 * manager ({@code /v1/leases}).
 */
final class ClusterRoutes extends RouteSupport {

  private final WorkflowEngine engine;
  private final Duration defaultTtl;

  ClusterRoutes(WorkflowEngine engine, Config config) {
    super(engine.system().executionContext(), config.getConfig("onex.http"));
    this.engine = engine;
    this.defaultTtl = config.getDuration("onex.leases.default-ttl");
  }

  /** The routes below {@code /v1}. */
  Route routes() {
    return concat(
        path("cluster", () -> get(() -> respond(StatusCodes.OK, engine.cluster(), view -> view))),
        pathPrefix("leases", this::leaseRoutes));
  }

  private Route leaseRoutes() {
    return concat(
        pathEndOrSingleSlash(
            () ->
                concat(
                    get(
                        () ->
                            parameterOptional(
                                "resource",
                                resource ->
                                    respond(
                                        StatusCodes.OK,
                                        engine.leases().leases(),
                                        leases -> Map.of("leases", only(leases, resource))))),
                    post(this::acquire))),
        pathPrefix(
            segment(),
            leaseId ->
                concat(
                    path("renew", () -> post(() -> renew(leaseId))),
                    pathEndOrSingleSlash(() -> delete(() -> release(leaseId))))));
  }

  private static List<Lease> only(List<Lease> leases, java.util.Optional<String> resource) {
    return resource
        .map(name -> leases.stream().filter(lease -> lease.resource().equals(name)).toList())
        .orElse(leases);
  }

  private Route acquire() {
    return jsonBody(
        body -> {
          String resource = requiredText(body, "resource");
          String owner = requiredText(body, "owner");
          Duration ttl = ttl(body, defaultTtl);
          return respond(
              StatusCodes.CREATED, engine.leases().acquire(resource, owner, ttl), lease -> lease);
        });
  }

  private Route renew(String leaseId) {
    return jsonBody(
        body ->
            respond(
                StatusCodes.OK, engine.leases().renew(leaseId, ttl(body, null)), lease -> lease));
  }

  private Route release(String leaseId) {
    CompletionStage<HttpResponse> released =
        engine
            .leases()
            .release(leaseId)
            .thenApply(lease -> HttpResponse.create().withStatus(StatusCodes.NO_CONTENT));
    return completeWithFuture(released);
  }

  private static Duration ttl(ObjectNode body, Duration fallback) {
    Long ttlMs = optionalLong(body, "ttlMs");
    if (ttlMs == null) {
      return fallback;
    }
    if (ttlMs < 1) {
      throw new BadRequest(
              "invalid-request",
              "Invalid request",
              "Expected 'ttlMs' to be a positive number of milliseconds, but got " + ttlMs)
          .field("ttlMs");
    }
    return Duration.ofMillis(ttlMs);
  }
}
