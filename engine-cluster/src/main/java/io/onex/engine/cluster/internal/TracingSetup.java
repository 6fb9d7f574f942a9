package io.onex.engine.cluster.internal;

import com.typesafe.config.Config;
import io.onex.engine.core.InternalApi;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * The node's OpenTelemetry from {@code onex.tracing}: off by default (no spans are recorded, but an
 * incoming W3C {@code traceparent} is still passed on to the services the engine calls); when
 * enabled, an SDK that exports its spans in batches over OTLP/HTTP to {@code otlp-endpoint}.
 */
@InternalApi
public final class TracingSetup {

  private TracingSetup() {}

  /** The OpenTelemetry {@code config}'s {@code onex.tracing} describes. */
  public static OpenTelemetry fromConfig(Config config) {
    Config tracing = config.getConfig("onex.tracing");
    if (!tracing.getBoolean("enabled")) {
      return OpenTelemetry.noop();
    }
    double ratio = tracing.getDouble("sample-ratio");
    if (ratio < 0 || ratio > 1) {
      throw new com.typesafe.config.ConfigException.BadValue(
          "onex.tracing.sample-ratio", "expected a number from 0 to 1, but got " + ratio);
    }
    SdkTracerProvider tracers =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"),
                                tracing.getString("service-name")))))
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder()
                            .setEndpoint(tracing.getString("otlp-endpoint"))
                            .build())
                    .build())
            .build();
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracers)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }
}
