package io.onex.engine.cluster.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.cluster.ClusterView;
import io.onex.engine.cluster.EngineHealth;
import io.onex.engine.cluster.EngineOperations;
import io.onex.engine.cluster.StartCheck;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.effects.EffectHandlers;
import io.onex.engine.effects.IntentExecutor;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The node's {@link EngineOperations}, each answered by the part that knows. */
final class NodeOperations implements EngineOperations {

  private final HealthChecks health;
  private final List<StartCheck> startChecks;
  private final ClusterViews cluster;
  private final IntentExecutor executor;
  private final MeterRegistry metrics;
  private final OpenTelemetry openTelemetry;
  private volatile NodeRegistry.Agent agent;

  NodeOperations(
      HealthChecks health,
      ClusterViews cluster,
      IntentExecutor executor,
      MeterRegistry metrics,
      OpenTelemetry openTelemetry,
      List<StartCheck> startChecks) {
    this.openTelemetry = openTelemetry;
    this.startChecks = startChecks;
    this.health = health;
    this.cluster = cluster;
    this.executor = executor;
    this.metrics = metrics;
  }

  void registeredBy(NodeRegistry.Agent agent) {
    this.agent = agent;
  }

  @Override
  public CompletionStage<EngineHealth> health() {
    return health.run();
  }

  @Override
  public void addHealthCheck(String name, Supplier<CompletionStage<EngineHealth.Check>> check) {
    health.add(name, check);
  }

  @Override
  public void addStartCheck(StartCheck check) {
    startChecks.add(check);
  }

  @Override
  public CompletionStage<ClusterView> cluster() {
    return cluster.current();
  }

  @Override
  public EffectHandlers handlers() {
    return executor.handlers();
  }

  @Override
  public Map<String, String> circuitBreakers() {
    return executor.circuitBreakers();
  }

  @Override
  public MeterRegistry metrics() {
    return metrics;
  }

  @Override
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  @Override
  public NodeRegistry.Agent nodeAgent() {
    return agent;
  }
}
