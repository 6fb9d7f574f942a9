package io.onex.engine.cluster;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.engine.cluster.internal.EngineBootstrap;
import io.onex.engine.cluster.internal.TracingSetup;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.effect.ComputeFunction;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.secrets.Secrets;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Describes an engine node before it starts: the workflow definitions it hosts, effect handlers
 * beyond the built-in ones ({@code http}, {@code jdbc}, {@code log}, {@code notification}, {@code
 * compute}) and named compute functions. Not thread-safe; {@link #start()} once.
 */
public final class WorkflowEngineBuilder {

  private final Config config;
  private WorkflowRegistry registry = new WorkflowRegistry();
  private final List<Function<ActorSystem<?>, EffectHandler>> handlers = new ArrayList<>();
  private final Map<String, ComputeFunction> computeFunctions = new LinkedHashMap<>();
  private MeterRegistry metrics;
  private OpenTelemetry openTelemetry;

  WorkflowEngineBuilder(Config config) {
    this.config = Secrets.resolveIn(config);
  }

  /** Hosts the definitions of {@code workflows}. */
  public WorkflowEngineBuilder workflows(WorkflowRegistry workflows) {
    this.registry = workflows;
    return this;
  }

  /** Hosts {@code definition} in addition to those registered so far. */
  public WorkflowEngineBuilder workflow(WorkflowDefinition<?, ?> definition) {
    registry.register(definition);
    return this;
  }

  /**
   * Adds the handler {@code factory} creates with the node's actor system; a handler of a built-in
   * type replaces the built-in one.
   */
  public WorkflowEngineBuilder handler(Function<ActorSystem<?>, EffectHandler> factory) {
    handlers.add(factory);
    return this;
  }

  /** Registers a compute function run for {@code compute} intents whose target is {@code name}. */
  public WorkflowEngineBuilder computeFunction(String name, ComputeFunction function) {
    if (computeFunctions.putIfAbsent(name, function) != null) {
      throw new IllegalStateException("A compute function '" + name + "' is already registered");
    }
    return this;
  }

  /** Records the node's metrics in {@code registry} instead of a new Prometheus registry. */
  public WorkflowEngineBuilder metrics(MeterRegistry registry) {
    this.metrics = registry;
    return this;
  }

  /**
   * Makes the node's spans with {@code telemetry}, which the application owns (and shuts down),
   * instead of the one {@code onex.tracing} describes.
   */
  public WorkflowEngineBuilder openTelemetry(OpenTelemetry telemetry) {
    this.openTelemetry = telemetry;
    return this;
  }

  /** Starts the node; blocks until it can take requests. */
  public WorkflowEngine start() {
    MeterRegistry registry = metrics;
    if (registry == null) {
      registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      // the JVM's and the process's own figures, beside the engine's
      new JvmMemoryMetrics().bindTo(registry);
      new JvmGcMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
    }
    boolean own = openTelemetry == null;
    OpenTelemetry telemetry = own ? TracingSetup.fromConfig(config) : openTelemetry;
    return EngineBootstrap.start(
        config, this.registry, handlers, computeFunctions, registry, telemetry, own);
  }
}
