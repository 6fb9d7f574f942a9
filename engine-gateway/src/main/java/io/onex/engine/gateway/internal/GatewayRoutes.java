package io.onex.engine.gateway.internal;

import com.typesafe.config.Config;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.InternalApi;
import io.onex.engine.gateway.Authenticator;
import io.onex.engine.gateway.Principal;
import io.onex.engine.gateway.Roles;
import io.onex.engine.gateway.internal.ProblemCatalog.RequestProblem;
import io.onex.engine.kafka.EventBus;
import io.onex.engine.orchestrator.SpecCatalog;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The gateway's whole HTTP API, assembled from one route class per resource. Every response body is
 * JSON; every error is {@code application/problem+json} without a stack trace ({@link
 * ErrorMapping}). The {@code /v1} API passes the {@link Authenticator} first.
 */
@InternalApi
public final class GatewayRoutes extends RouteSupport {

  private final Authenticator authenticator;
  private final ErrorMapping errors;
  private final OperationsRoutes operations;
  private final WorkflowRoutes workflows;
  private final InstanceListRoutes lists;
  private final ClusterRoutes cluster;
  private final LeaseRoutes leases;
  private final NodeRoutes nodes;
  private final SubscriptionRoutes subscriptions;
  private final SpecRoutes specs;
  private final RequestTimer timer;
  private final RequestTraces traces;
  private final UiRoutes ui;
  private final RateLimits limits;

  /** The header carrying the authenticated principal's name from the gateway to its routes. */
  static final String PRINCIPAL_HEADER = "X-Onex-Principal";

  /** The header carrying the authenticated principal's roles, comma-separated. */
  static final String ROLES_HEADER = "X-Onex-Principal-Roles";

  public GatewayRoutes(
      WorkflowEngine engine,
      EventBus bus,
      Optional<SpecCatalog> specCatalog,
      Config config,
      Authenticator authenticator) {
    super(engine.system().executionContext(), config.getConfig("onex.http"));
    Config http = config.getConfig("onex.http");
    Executor executor = engine.system().executionContext();
    this.authenticator = authenticator;
    this.errors = new ErrorMapping(problemTypeBase, maxBodyBytes);
    this.timer = new RequestTimer(engine.operations().metrics());
    this.traces =
        new RequestTraces(engine.operations().openTelemetry().getTracer("io.onex.engine"), timer);
    this.limits = new RateLimits(http);
    this.operations = new OperationsRoutes(engine.operations(), executor, http);
    this.lists = new InstanceListRoutes(engine.client(), executor, http);
    this.specs = new SpecRoutes(specCatalog, executor, http);
    this.workflows =
        new WorkflowRoutes(
            engine.registry(),
            engine.client(),
            new InstanceRoutes(engine.client(), executor, http),
            lists,
            new HistoryRoutes(engine.client().history(), executor, http),
            new EventStreamRoutes(engine.registry(), engine.events(), executor, http),
            new ControlRoutes(engine.client().controls(), executor, http),
            specs,
            executor,
            http);
    this.cluster = new ClusterRoutes(engine.operations(), executor, http);
    this.leases = new LeaseRoutes(engine.leases(), executor, config);
    this.nodes = new NodeRoutes(engine.nodes(), executor, http);
    this.subscriptions = new SubscriptionRoutes(bus, executor, http);
    this.ui = new UiRoutes(executor, http);
  }

  /**
   * The whole API. Built once: Pekko HTTP's Java DSL evaluates a route's suppliers per request, so
   * only what depends on the request (a path segment, a body) is built per request.
   */
  public Route routes() {
    Route probes = operations.probeRoutes();
    Route root = operations.rootRoutes();
    Route v1 = v1Routes();
    Route api =
        concat(probes, ui.assets(), authenticated(() -> concat(root, pathPrefix("v1", () -> v1))));
    var exceptions = errors.exceptionHandler();
    var rejections = errors.rejectionHandler();
    return traces.traced(
        handleExceptions(exceptions, () -> handleRejections(rejections, () -> api)));
  }

  private Route v1Routes() {
    return concat(
        operations.v1Routes(),
        ui.me(),
        specs.schemaRoutes(),
        workflows.routes(),
        pathPrefix(
            "instances",
            () ->
                concat(
                    pathEndOrSingleSlash(() -> get(lists::listAcrossTypes)),
                    path("terminate", () -> post(lists::terminateAll)))),
        cluster.routes(),
        leases.routes(),
        nodes.routes(),
        subscriptions.routes());
  }

  /**
   * Lets the request in when its authenticator knows the caller and the caller has the role the
   * route needs, carrying the principal's name to the routes in {@link #PRINCIPAL_HEADER} (a header
   * of that name sent by the client is dropped); 401 or 403 otherwise.
   */
  private Route authenticated(java.util.function.Supplier<Route> inner) {
    return extractRequest(
        request ->
            onSuccess(
                authenticator.authenticate(request),
                principal -> {
                  String path = request.getUri().path();
                  if (principal.isEmpty()) {
                    return complete(unauthenticated(path));
                  }
                  Principal who = principal.get();
                  RequestTraces.identified(request, who.name());
                  boolean open = who == Principal.ANONYMOUS;
                  String required = RouteRoles.required(request.method().value(), path);
                  String type = RouteRoles.workflowType(path);
                  if (!open && required != null && !Roles.allows(who.roles(), required, type)) {
                    return complete(forbidden(path, who, required, type));
                  }
                  java.util.OptionalLong wait = limits.refusal(who.name());
                  if (wait.isPresent()) {
                    return complete(rateLimited(path, who, wait.getAsLong()));
                  }
                  return mapRequest(
                      r -> {
                        HttpRequest stripped = r.removeHeader(PRINCIPAL_HEADER);
                        HttpRequest clean = stripped.removeHeader(ROLES_HEADER);
                        return open
                            ? clean
                            : clean
                                .addHeader(RawHeader.create(PRINCIPAL_HEADER, who.name()))
                                .addHeader(
                                    RawHeader.create(ROLES_HEADER, String.join(",", who.roles())));
                      },
                      inner);
                }));
  }

  private HttpResponse rateLimited(String path, Principal who, long retryAfterSeconds) {
    return Problem.of(
            RequestProblem.RATE_LIMITED,
            "Expected '"
                + who.name()
                + "' to stay within its rate limit (onex.http.rate-limit), but it did not; try"
                + " again in "
                + retryAfterSeconds
                + " s")
        .toResponse(problemTypeBase, path)
        .addHeader(RawHeader.create("Retry-After", Long.toString(retryAfterSeconds)));
  }

  private HttpResponse forbidden(String path, Principal who, String required, String type) {
    Problem problem =
        Problem.of(
                RequestProblem.FORBIDDEN,
                "Expected a caller with role '"
                    + required
                    + "' (or above)"
                    + (type == null ? "" : " for workflow type '" + type + "'")
                    + " for this request, but '"
                    + who.name()
                    + "' has "
                    + who.roles())
            .with("requiredRole", required);
    return (type == null ? problem : problem.with("workflowType", type))
        .toResponse(problemTypeBase, path);
  }

  private HttpResponse unauthenticated(String path) {
    return Problem.of(
            RequestProblem.UNAUTHENTICATED,
            "Expected credentials that identify the caller, but the request has none or they are"
                + " not valid")
        .toResponse(problemTypeBase, path)
        .addHeader(RawHeader.create("WWW-Authenticate", authenticator.challenge()));
  }
}
