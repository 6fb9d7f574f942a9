package io.onex.engine.samples;

import io.onex.engine.gateway.EngineNode;
import io.onex.engine.gateway.NodeConfig;

/**
 * Runs one engine node hosting the sample workflows, configured by {@link NodeConfig} (HTTP port
 * {@code ONEX_HTTP_PORT}, data directory {@code ONEX_DATA_DIR}, journal {@code ONEX_JOURNAL_URL}).
 * Runs until the process is stopped.
 */
public final class SampleNode {

  private SampleNode() {}

  public static void main(String[] args) {
    EngineNode node = EngineNode.start(NodeConfig.load(), Samples.registry());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> node.stop().toCompletableFuture().join()));
    node.awaitTermination();
  }
}
