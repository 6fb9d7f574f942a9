package io.onex.engine.gateway.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Times requests (as {@link RequestTraces} measures them) into the histogram {@code
 * onex.http.requests} (Prometheus buckets) by method, route and status. The route is the path with
 * its type names and ids written as {@code {type}} and {@code {id}} ({@code
 * /v1/workflows/{type}/instances/{id}/actions}), so that the series stay few.
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

  /** Records that a request {@code method} on {@code route} took {@code nanos} to answer. */
  void record(String method, String route, int status, long nanos) {
    timer(method, route, status).record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer timer(String method, String route, int status) {
    return Timer.builder("onex.http.requests")
        .description("Time to answer an HTTP request (to the start of a streamed answer)")
        .tag("method", method)
        .tag("route", route)
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
