package io.onex.engine.cluster.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import java.nio.file.Path;
import java.util.Map;

/** A one-node engine on an H2 journal in a test's own directory. */
public final class SingleNode {

  private SingleNode() {}

  /** Starts a node with its journal in {@code dataDir}, hosting {@code definitions}. */
  public static WorkflowEngine onH2(Path dataDir, WorkflowDefinition<?, ?>... definitions) {
    return onH2(dataDir, ConfigFactory.empty(), definitions);
  }

  /** As {@link #onH2(Path, WorkflowDefinition[])}, with {@code settings} over the defaults. */
  public static WorkflowEngine onH2(
      Path dataDir, Config settings, WorkflowDefinition<?, ?>... definitions) {
    WorkflowRegistry registry = new WorkflowRegistry();
    for (WorkflowDefinition<?, ?> definition : definitions) {
      registry.register(definition);
    }
    return WorkflowEngine.create(
        settings
            .withFallback(
                ConfigFactory.parseMap(
                    Map.of("onex.data-dir", dataDir.toString(), "onex.cluster.port", 0)))
            .withFallback(ConfigFactory.load())
            .resolve(),
        registry);
  }
}
