package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Times every request into the histogram {@code onex.http.requests} (Prometheus buckets) by method,
 * route and status. The route is the path with its type names and ids written as {@code {type}} and
 * {@code {id}} ({@code /v1/workflows/{type}/instances/{id}/actions}), so that the series stay few.
 */
final class RequestTimer {

  private static final Set<String> BEFORE_ID =
      Set.of("instances", "leases", "nodes", "subscriptions", "intents", "versions");

  /** Every fixed segment of the gateway's routes; any other becomes {@code {other}}. */
  private static final Set<String> WORDS =
      Set.of(
          "v1",
          "health",
          "live",
          "ready",
          "metrics",
          "workflows",
          "instances",
          "actions",
          "history",
          "export",
          "state",
          "replay",
          "replay-check",
          "events",
          "terminate",
          "intents",
          "retry",
          "skip",
          "migrate",
          "versions",
          "rollout",
          "leases",
          "renew",
          "nodes",
          "cluster",
          "handlers",
          "subscriptions",
          "stop",
          "start",
          "schemas",
          "workflow-spec",
          "ui",
          "me");

  private final MeterRegistry metrics;

  RequestTimer(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  Route timed(Route inner) {
    return extractRequest(
        request -> {
          long started = System.nanoTime();
          return mapResponse(
              response -> {
                timer(request, response.status().intValue())
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return response;
              },
              () -> inner);
        });
  }

  private Timer timer(HttpRequest request, int status) {
    return Timer.builder("onex.http.requests")
        .description("Time to answer an HTTP request (to the start of a streamed answer)")
        .tag("method", request.method().value())
        .tag("route", template(request.getUri().path()))
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(metrics);
  }

  /** {@code path} with its type names, ids and unknown segments written generically. */
  static String template(String path) {
    String[] segments = path.split("/", -1);
    StringBuilder route = new StringBuilder();
    for (int i = 1; i < segments.length; i++) {
      String previous = segments[i - 1];
      String segment = segments[i];
      if (previous.equals("workflows") && i > 1) {
        segment = "{type}";
      } else if (BEFORE_ID.contains(previous) && !segment.isEmpty()) {
        segment = "{id}";
      } else if (!segment.isEmpty() && !WORDS.contains(segment)) {
        segment = "{other}"; // a path no route has: keeps scanners from minting series
      }
      route.append('/').append(segment);
    }
    return route.length() == 0 ? "/" : route.toString();
  }
}
