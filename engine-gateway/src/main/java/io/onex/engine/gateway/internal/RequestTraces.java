package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

import io.onex.engine.core.tracing.LogContext;
import io.onex.engine.core.tracing.LogFields;
import io.onex.engine.core.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes each request a server span and times it ({@link RequestTimer}), continuing the trace of the
 * W3C {@code traceparent} the client sent (the header the routes see is replaced by the span's own,
 * so what they start carries it on), and writes one access-log line per request to logger {@value
 * #ACCESS_LOGGER}: method, route, status, duration and principal, with the request's correlation id
 * ({@code X-Correlation-Id}), workflow type, instance id and trace in the diagnostic context (see
 * {@link LogFields}). The line holds no body, query or credential.
 */
final class RequestTraces {

  /** The logger of the access log. */
  static final String ACCESS_LOGGER = "io.onex.engine.gateway.access";

  private static final Logger access = LoggerFactory.getLogger(ACCESS_LOGGER);
  private static final AttributeKey<Caller> CALLER =
      AttributeKey.create("onex-caller", Caller.class);

  private final Tracer tracer;
  private final RequestTimer timer;

  RequestTraces(Tracer tracer, RequestTimer timer) {
    this.tracer = tracer;
    this.timer = timer;
  }

  /** What the routes learn of a request for its access-log line: who asked, which instance. */
  static final class Caller {
    private volatile String principal;
    private volatile String instanceId;
  }

  /** Records that {@code request} comes from {@code principal}, for its access-log line. */
  static void identified(HttpRequest request, String principal) {
    request.getAttribute(CALLER).ifPresent(caller -> caller.principal = principal);
  }

  /** Records that {@code request} concerns instance {@code instanceId} (a start names it late). */
  static void concerns(HttpRequest request, String instanceId) {
    request.getAttribute(CALLER).ifPresent(caller -> caller.instanceId = instanceId);
  }

  Route traced(Route inner) {
    return extractRequest(
        request -> {
          long started = System.nanoTime();
          String route = RequestTimer.template(request.getUri().path());
          String method = request.method().value();
          Span span =
              tracer
                  .spanBuilder(method + " " + route)
                  .setParent(
                      TraceParent.context(
                          request.getHeader(TraceParent.HEADER).map(h -> h.value()).orElse(null)))
                  .setSpanKind(SpanKind.SERVER)
                  .setAttribute("http.request.method", method)
                  .setAttribute("http.route", route)
                  .startSpan();
          Caller caller = new Caller();
          String traceparent = TraceParent.of(span);
          return mapResponse(
              response -> {
                int status = response.status().intValue();
                span.setAttribute("http.response.status_code", status);
                if (status >= 500) {
                  span.setStatus(StatusCode.ERROR);
                }
                span.end();
                long elapsed = System.nanoTime() - started;
                timer.record(method, route, status, elapsed);
                logAccess(request, method, route, status, elapsed, caller, span);
                return response;
              },
              () ->
                  mapRequest(
                      r -> {
                        HttpRequest own =
                            r.removeHeader(TraceParent.HEADER).addAttribute(CALLER, caller);
                        return traceparent == null
                            ? own
                            : own.addHeader(RawHeader.create(TraceParent.HEADER, traceparent));
                      },
                      () -> inner));
        });
  }

  private static void logAccess(
      HttpRequest request,
      String method,
      String route,
      int status,
      long elapsed,
      Caller caller,
      Span span) {
    if (!access.isInfoEnabled()) {
      return;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(elapsed);
    String[] segments = request.getUri().path().split("/");
    Map<String, String> fields =
        LogFields.of(
            segment(segments, 2, "workflows"),
            Optional.ofNullable(caller.instanceId).orElse(segment(segments, 4, "instances")),
            request.getHeader("X-Correlation-Id").map(h -> h.value()).orElse(null),
            span);
    String principal = Optional.ofNullable(caller.principal).orElse("-");
    Map<String, String> line = new LinkedHashMap<>(fields);
    line.put("principal", principal);
    line.put("httpMethod", method);
    line.put("httpRoute", route);
    line.put("httpStatus", Integer.toString(status));
    line.put("durationMs", Long.toString(millis));
    try (var logged = LogContext.with(line)) {
      access.info("{} {} {} {} ms {}", method, route, status, millis, principal);
    }
  }

  /**
   * The segment after {@code name} when {@code name} is segment {@code at} of a {@code
   * /v1/workflows/{type}/instances/{id}} path: the type, or the instance id.
   */
  private static String segment(String[] segments, int at, String name) {
    boolean workflowPath =
        segments.length > 3 && segments[1].equals("v1") && segments[2].equals("workflows");
    return workflowPath && segments.length > at + 1 && segments[at].equals(name)
        ? segments[at + 1]
        : null;
  }
}
