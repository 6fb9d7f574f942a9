package io.onex.engine.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.Objects;

/**
 * Where workflow instances report what they do: spans to {@code tracer} (an action applied, under
 * the span of whoever sent it, and its journal write beneath it) and timings to {@code metrics}
 * ({@code onex.action.apply}, {@code onex.journal.write}, {@code onex.instances.active}, {@code
 * onex.timers.pending}).
 *
 * @param tracer the tracer of the node's OpenTelemetry
 * @param metrics the node's meter registry
 */
public record InstanceTelemetry(Tracer tracer, MeterRegistry metrics) {

  public InstanceTelemetry {
    Objects.requireNonNull(tracer, "tracer");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** No spans, and metrics that nobody reads: for instances run without a node around them. */
  public static InstanceTelemetry off() {
    return new InstanceTelemetry(OpenTelemetry.noop().getTracer("onex"), new SimpleMeterRegistry());
  }
}
