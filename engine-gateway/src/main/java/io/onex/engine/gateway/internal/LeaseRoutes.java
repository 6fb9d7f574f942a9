package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.cluster.lease.LeaseManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The lease manager over HTTP: {@code GET|POST /v1/leases}, {@code POST /v1/leases/{id}/renew},
 * {@code DELETE /v1/leases/{id}}.
 */
final class LeaseRoutes extends RouteSupport {

  private final LeaseManager leases;
  private final Duration defaultTtl;

  LeaseRoutes(LeaseManager leases, Executor executor, Config config) {
    super(executor, config.getConfig("onex.http"));
    this.leases = leases;
    this.defaultTtl = config.getDuration("onex.leases.default-ttl");
  }

  /** The routes below {@code /v1}. */
  Route routes() {
    return pathPrefix("leases", this::leaseRoutes);
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
                                        leases.leases(),
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
          return respond(StatusCodes.CREATED, leases.acquire(resource, owner, ttl), lease -> lease);
        });
  }

  private Route renew(String leaseId) {
    return jsonBody(
        body -> respond(StatusCodes.OK, leases.renew(leaseId, ttl(body, null)), lease -> lease));
  }

  private Route release(String leaseId) {
    CompletionStage<HttpResponse> released =
        leases
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
      throw BadRequest.invalid(
              "Expected 'ttlMs' to be a positive number of milliseconds, but got " + ttlMs)
          .field("ttlMs");
    }
    return Duration.ofMillis(ttlMs);
  }
}
