package io.onex.engine.kafka.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.WorkflowEngineBuilder;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.kafka.EventBus;
import io.onex.engine.kafka.KafkaEventBus;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;

/** A one-node engine on an H2 journal in a test's directory, with its event bus on a broker. */
public final class KafkaNode implements AutoCloseable {

  private final WorkflowEngine engine;
  private final EventBus bus;

  private KafkaNode(WorkflowEngine engine, EventBus bus) {
    this.engine = engine;
    this.bus = bus;
  }

  /** The configuration of a node in {@code dataDir} using the brokers {@code bootstrap}. */
  public static Config config(Path dataDir, String bootstrap, Config settings) {
    return settings
        .withFallback(
            ConfigFactory.parseMap(
                Map.of(
                    "onex.data-dir",
                    dataDir.toString(),
                    "onex.cluster.port",
                    0,
                    "onex.kafka.bootstrap-servers",
                    bootstrap,
                    "onex.kafka.publication.lag-interval",
                    "200ms",
                    "onex.index.poll-interval",
                    "100ms")))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  /**
   * Starts a node with {@code config}, hosting {@code definitions}, with the kafka handler, or the
   * handler {@code kafkaHandler} makes of it when not null.
   */
  public static KafkaNode start(
      Config config,
      Function<EffectHandler, EffectHandler> kafkaHandler,
      WorkflowDefinition<?, ?>... definitions) {
    WorkflowEngineBuilder builder = WorkflowEngine.builder(config);
    for (WorkflowDefinition<?, ?> definition : definitions) {
      builder.workflow(definition);
    }
    Function<ActorSystem<?>, EffectHandler> handler = KafkaEventBus.handler(config).orElseThrow();
    builder.handler(
        kafkaHandler == null ? handler : system -> kafkaHandler.apply(handler.apply(system)));
    WorkflowEngine engine = builder.start();
    try {
      return new KafkaNode(engine, KafkaEventBus.start(engine));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  public WorkflowEngine engine() {
    return engine;
  }

  public EventBus bus() {
    return bus;
  }

  @Override
  public void close() {
    engine.close();
  }
}
