package io.onex.engine.core.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names of the diagnostic context (SLF4J MDC) fields that every log line of a request, an
 * action, an effect and an outcome carries, so that the lines of one workflow can be found
 * together: {@value #CORRELATION_ID}, {@value #WORKFLOW_TYPE}, {@value #INSTANCE_ID} and, where the
 * work is traced, {@value #TRACE_ID} and {@value #SPAN_ID}. The JSON log format writes each as a
 * field of its own.
 */
public final class LogFields {

  public static final String CORRELATION_ID = "correlationId";
  public static final String WORKFLOW_TYPE = "workflowType";
  public static final String INSTANCE_ID = "instanceId";
  public static final String TRACE_ID = "traceId";
  public static final String SPAN_ID = "spanId";

  private LogFields() {}

  /**
   * The fields of work on instance {@code instanceId} of {@code workflowType} in flow {@code
   * correlationId} under {@code span}; fields that are {@code null} or invalid are left out.
   */
  public static Map<String, String> of(
      String workflowType, String instanceId, String correlationId, Span span) {
    Map<String, String> fields = new LinkedHashMap<>();
    putIfPresent(fields, WORKFLOW_TYPE, workflowType);
    putIfPresent(fields, INSTANCE_ID, instanceId);
    putIfPresent(fields, CORRELATION_ID, correlationId);
    SpanContext context = span == null ? SpanContext.getInvalid() : span.getSpanContext();
    if (context.isValid()) {
      fields.put(TRACE_ID, context.getTraceId());
      fields.put(SPAN_ID, context.getSpanId());
    }
    return fields;
  }

  /**
   * Puts {@code value}, if any, cut to 128 characters and with control characters (line breaks
   * among them) replaced by {@code _}: the fields come from callers and must not forge log lines.
   */
  private static void putIfPresent(Map<String, String> fields, String key, String value) {
    if (value != null && !value.isEmpty()) {
      String bounded = value.length() > 128 ? value.substring(0, 128) : value;
      fields.put(key, bounded.replaceAll("\\p{Cntrl}", "_"));
    }
  }
}
