package io.onex.engine.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.cluster.registry.NodeRegistry;
import io.onex.engine.effects.EffectHandlers;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What operators ask of one engine node: its health checks, the cluster as it sees it, its effect
 * handlers and their circuit breakers, its metrics, and the agent keeping it registered. Read-only
 * apart from {@link NodeRegistry.Agent#advertise}; thread-safe.
 */
public interface EngineOperations {

  /**
   * Runs the health checks: the journal reachable ({@code journal}), this node an Up cluster member
   * ({@code cluster}), and its instances ({@code instances}).
   */
  CompletionStage<EngineHealth> health();

  /**
   * Adds the check {@code name} to {@link #health()}, for parts started beside the engine (an event
   * bus, for one): {@code check} runs at each health request and counts as failed when it fails or
   * does not complete within the ask timeout ({@code onex.engine.ask-timeout}). A check added under
   * a name already used replaces it.
   */
  void addHealthCheck(String name, Supplier<CompletionStage<EngineHealth.Check>> check);

  /** Adds {@code check}, run on this node for every start before the instance is created. */
  void addStartCheck(StartCheck check);

  /** The cluster's members and where each workflow type's shards are hosted. */
  CompletionStage<ClusterView> cluster();

  /** The effect handlers of this node, built in and added. */
  EffectHandlers handlers();

  /** The state (CLOSED, OPEN, HALF_OPEN) of each handler target's circuit breaker. */
  Map<String, String> circuitBreakers();

  /**
   * The node's metrics: requests by workflow type and result, intents finished by type and outcome,
   * intents waiting, circuit breaker states (a Prometheus registry unless the builder was given
   * another).
   */
  MeterRegistry metrics();

  /**
   * The node's OpenTelemetry, whose tracer makes the spans of requests, actions, intents and
   * outcomes: the one {@code onex.tracing} describes (a no-op one while tracing is off) or the one
   * the builder was given.
   */
  OpenTelemetry openTelemetry();

  /** The agent keeping this node registered; {@link NodeRegistry.Agent#advertise} updates it. */
  NodeRegistry.Agent nodeAgent();
}
