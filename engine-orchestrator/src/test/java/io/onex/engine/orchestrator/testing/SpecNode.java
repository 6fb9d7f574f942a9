package io.onex.engine.orchestrator.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.WorkflowEngineBuilder;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.orchestrator.Orchestrator;
import io.onex.engine.orchestrator.SpecCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** An engine node with the orchestrator, on an H2 journal in a test's directory. */
public record SpecNode(WorkflowEngine engine, SpecCatalog specs) implements AutoCloseable {

  /** The configuration of a node in {@code dataDir} whose http targets are {@code services}. */
  public static Config config(Path dataDir, TestServices services, Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>(extra);
    settings.put("onex.data-dir", dataDir.toString());
    settings.putIfAbsent("onex.cluster.port", 0);
    settings.put("onex.orchestrator.refresh-interval", "1s");
    for (String target : new String[] {"inventory", "payment", "shipping", "work"}) {
      settings.put("onex.handlers.http.targets." + target, services.url() + "/" + target);
    }
    return ConfigFactory.parseMap(settings).withFallback(ConfigFactory.load()).resolve();
  }

  /** Starts a node with {@code config}, hosting the Java {@code definitions} too. */
  public static SpecNode start(Config config, WorkflowDefinition<?, ?>... definitions) {
    return start(config, builder -> builder, definitions);
  }

  /** As {@link #start(Config, WorkflowDefinition[])}, the engine as {@code customise} leaves it. */
  public static SpecNode start(
      Config config,
      UnaryOperator<WorkflowEngineBuilder> customise,
      WorkflowDefinition<?, ?>... definitions) {
    Orchestrator orchestrator = Orchestrator.create();
    WorkflowEngineBuilder builder =
        customise.apply(WorkflowEngine.builder(config).handler(orchestrator.workflowHandler()));
    for (WorkflowDefinition<?, ?> definition : definitions) {
      builder.workflow(definition);
    }
    WorkflowEngine engine = builder.start();
    try {
      return new SpecNode(engine, orchestrator.start(engine));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** Starts instance {@code id} of {@code type} with the JSON {@code input}; awaits its end. */
  public InstanceView run(String type, String id, String input) {
    try {
      engine
          .client()
          .start(type, StartRequest.of(id, EngineJson.mapper().readTree(input)))
          .toCompletableFuture()
          .join();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return engine
        .client()
        .instance(type, id)
        .awaitEnd(Duration.ofSeconds(30))
        .toCompletableFuture()
        .join();
  }

  @Override
  public void close() {
    engine.close();
  }
}
