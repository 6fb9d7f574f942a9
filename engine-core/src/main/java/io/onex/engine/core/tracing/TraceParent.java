package io.onex.engine.core.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * The trace context as it travels through the engine: a W3C {@code traceparent} text, carried in an
 * action's metadata ({@link #METADATA_KEY}), with an intent handed to the executor, in an effect
 * request, and in the {@link #HEADER} of HTTP requests. Plain text, so that the model depends on no
 * tracing SDK and a journaled action names the trace it belongs to.
 *
 * <p>Stateless and thread-safe. Text that is not a valid {@code traceparent} stands for no trace:
 * spans started under it begin a new trace, never fail.
 */
public final class TraceParent {

  /** The W3C Trace Context header. */
  public static final String HEADER = "traceparent";

  /** The action metadata key holding the {@code traceparent} of the span that sent the action. */
  public static final String METADATA_KEY = "onex.traceparent";

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private TraceParent() {}

  /** The context whose remote parent {@code traceparent} names; the root context when none. */
  public static Context context(String traceparent) {
    if (traceparent == null || traceparent.isBlank()) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), Map.of(HEADER, traceparent), MAP_GETTER);
  }

  /** The {@code traceparent} of {@code span}, or {@code null} when it belongs to no trace. */
  public static String of(Span span) {
    SpanContext context = span.getSpanContext();
    if (!context.isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
    return carrier.get(HEADER);
  }

  /** {@code metadata} with {@link #METADATA_KEY} set to the {@code traceparent} of {@code span}. */
  public static Map<String, String> withTrace(Map<String, String> metadata, Span span) {
    String traceparent = of(span);
    if (traceparent == null) {
      return metadata;
    }
    Map<String, String> traced = new HashMap<>(metadata);
    traced.put(METADATA_KEY, traceparent);
    return Map.copyOf(traced);
  }
}
