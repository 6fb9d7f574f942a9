package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.typesafe.config.Config;
import io.onex.engine.kafka.EventBus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The event bus's subscriptions over HTTP: {@code GET /v1/subscriptions}, {@code GET
 * /v1/subscriptions/{name}}, and {@code POST /v1/subscriptions/{name}/stop} and {@code .../start}.
 */
final class SubscriptionRoutes extends RouteSupport {

  private final EventBus bus;

  SubscriptionRoutes(EventBus bus, Executor executor, Config http) {
    super(executor, http);
    this.bus = bus;
  }

  /** The routes below {@code /v1}. */
  Route routes() {
    return pathPrefix(
        "subscriptions",
        () ->
            concat(
                pathEndOrSingleSlash(
                    () ->
                        get(
                            () ->
                                ok(
                                    () ->
                                        CompletableFuture.supplyAsync(
                                            () ->
                                                Map.of(
                                                    "enabled",
                                                    bus.enabled(),
                                                    "subscriptions",
                                                    bus.subscriptions()),
                                            executor)))),
                pathPrefix(
                    segment(),
                    name ->
                        concat(
                            pathEndOrSingleSlash(
                                () ->
                                    get(
                                        () ->
                                            ok(
                                                () ->
                                                    CompletableFuture.supplyAsync(
                                                        () -> bus.subscription(name), executor)))),
                            path("stop", () -> post(() -> ok(() -> bus.stop(name)))),
                            path("start", () -> post(() -> ok(() -> bus.start(name))))))));
  }

  private Route ok(Supplier<CompletionStage<?>> answer) {
    return respond(StatusCodes.OK, answer.get(), body -> body);
  }
}
