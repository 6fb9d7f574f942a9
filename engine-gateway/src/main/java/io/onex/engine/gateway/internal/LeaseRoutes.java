package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.cluster.lease.LeaseManager;
import io.onex.engine.gateway.Roles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
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
                            caller(
                                caller ->
                                    parameterOptional(
                                        "resource",
                                        resource ->
                                            respond(
                                                StatusCodes.OK,
                                                leases.leases(),
                                                leases ->
                                                    Map.of(
                                                        "leases",
                                                        shown(only(leases, resource), caller)))))),
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

  /**
   * Who calls, when authentication is on: the principal's name and roles. Empty without
   * authentication, when leases are not bound to callers.
   */
  private record Caller(String name, Set<String> roles) {}

  private Route caller(Function<Optional<Caller>, Route> inner) {
    return optionalHeaderValueByName(
        GatewayRoutes.PRINCIPAL_HEADER,
        name ->
            optionalHeaderValueByName(
                GatewayRoutes.ROLES_HEADER,
                roles ->
                    inner.apply(
                        name.map(n -> new Caller(n, Set.of(roles.orElse("").split(",")))))));
  }

  /** Other owners' lease ids and fencing tokens are shown to admins only. */
  private static List<Object> shown(List<Lease> leases, Optional<Caller> caller) {
    boolean all = caller.isEmpty() || Roles.allows(caller.get().roles(), Roles.ADMIN);
    return leases.stream()
        .map(
            lease ->
                all || lease.owner().equals(caller.get().name())
                    ? (Object) lease
                    : Map.of(
                        "resource", lease.resource(),
                        "owner", lease.owner(),
                        "acquiredAt", lease.acquiredAt(),
                        "expiresAt", lease.expiresAt()))
        .toList();
  }

  private Route acquire() {
    return caller(
        caller ->
            jsonBody(
                body -> {
                  String resource = requiredText(body, "resource");
                  String given = optionalText(body, "owner");
                  if (caller.isPresent() && given != null && !given.equals(caller.get().name())) {
                    return notYours("take a lease in the name of '" + given + "'", caller.get());
                  }
                  String owner =
                      caller.map(Caller::name).orElseGet(() -> requiredText(body, "owner"));
                  Duration ttl = ttl(body, defaultTtl);
                  return respond(
                      StatusCodes.CREATED, leases.acquire(resource, owner, ttl), lease -> lease);
                }));
  }

  private Route renew(String leaseId) {
    return ownLease(
        leaseId,
        () ->
            jsonBody(
                body ->
                    respond(
                        StatusCodes.OK, leases.renew(leaseId, ttl(body, null)), lease -> lease)));
  }

  private Route release(String leaseId) {
    return ownLease(
        leaseId,
        () -> {
          CompletionStage<HttpResponse> released =
              leases
                  .release(leaseId)
                  .thenApply(lease -> HttpResponse.create().withStatus(StatusCodes.NO_CONTENT));
          return completeWithFuture(released);
        });
  }

  /**
   * {@code inner} if the caller owns lease {@code leaseId} (or it is not current: the manager says
   * so).
   */
  private Route ownLease(String leaseId, Supplier<Route> inner) {
    return caller(
        caller -> {
          if (caller.isEmpty()) {
            return inner.get();
          }
          return onSuccess(
              leases.leases(),
              current -> {
                Optional<Lease> lease =
                    current.stream().filter(l -> l.leaseId().equals(leaseId)).findFirst();
                return lease.isPresent() && !lease.get().owner().equals(caller.get().name())
                    ? notYours(
                        "act on lease '" + leaseId + "' of '" + lease.get().owner() + "'",
                        caller.get())
                    : inner.get();
              });
        });
  }

  private Route notYours(String what, Caller caller) {
    return extractUri(
        uri ->
            complete(
                Problem.of(
                        ProblemCatalog.RequestProblem.FORBIDDEN,
                        "Expected '"
                            + caller.name()
                            + "' to act on its own leases only, but it asked to "
                            + what)
                    .toResponse(problemTypeBase, uri.path())));
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
