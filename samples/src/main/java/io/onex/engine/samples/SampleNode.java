package io.onex.engine.samples;

import io.onex.engine.gateway.EngineNode;
import io.onex.engine.gateway.NodeConfig;

/**
 * Runs one engine node hosting the sample workflows, configured by {@link NodeConfig} (HTTP port
 * {@code ONEX_HTTP_PORT}, data directory {@code ONEX_DATA_DIR}, journal {@code ONEX_JOURNAL_URL}).
 * Runs until the process is stopped; on SIGTERM Pekko's coordinated shutdown unbinds the gateway,
 * leaves the cluster and stops the actor system.
 */
public final class SampleNode {

  private SampleNode() {}

  public static void main(String[] args) {
    EngineNode.start(NodeConfig.load(), Samples.registry()).awaitTermination();
  }
}
