package io.onex.engine.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The trace context as text and the log fields: a {@code traceparent} survives the round trip, bad
 * text stands for no trace, caller-given fields cannot forge log lines, and a log context restores
 * what was there before.
 */
class TracingTextTest {

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void aTraceparentSurvivesTheRoundTripAndBadTextIsNoTrace() {
    Span remote = Span.fromContext(TraceParent.context(TRACEPARENT));
    assertThat(TraceParent.of(remote)).isEqualTo(TRACEPARENT);
    assertThat(TraceParent.of(Span.fromContext(TraceParent.context("not-a-trace")))).isNull();
    assertThat(TraceParent.of(Span.fromContext(TraceParent.context(null)))).isNull();
    assertThat(TraceParent.withTrace(Map.of("a", "b"), remote))
        .containsEntry(TraceParent.METADATA_KEY, TRACEPARENT)
        .containsEntry("a", "b");
  }

  @Test
  void fieldsFromCallersCannotForgeLogLinesAndAreBounded() {
    Map<String, String> fields =
        LogFields.of(
            "order",
            "o-1",
            "x\n12:00:00.000 INFO forged line\r" + "y".repeat(300),
            Span.fromContext(TraceParent.context(TRACEPARENT)));
    assertThat(fields.get(LogFields.CORRELATION_ID)).doesNotContain("\n", "\r").hasSize(128);
    assertThat(fields)
        .containsEntry(LogFields.WORKFLOW_TYPE, "order")
        .containsEntry(LogFields.INSTANCE_ID, "o-1")
        .containsEntry(LogFields.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736")
        .containsEntry(LogFields.SPAN_ID, "00f067aa0ba902b7");
    assertThat(LogFields.of(null, "", null, null)).isEmpty();
  }

  @Test
  void aLogContextRestoresWhatWasThereBefore() {
    MDC.put("outer", "1");
    try {
      try (var inner = LogContext.with(Map.of("instanceId", "o-1", "outer", "2"))) {
        assertThat(MDC.get("instanceId")).isEqualTo("o-1");
        assertThat(MDC.get("outer")).isEqualTo("2");
      }
      assertThat(MDC.get("instanceId")).isNull();
      assertThat(MDC.get("outer")).isEqualTo("1");
    } finally {
      MDC.clear();
    }
  }
}
