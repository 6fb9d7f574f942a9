package io.onex.engine.samples;

import com.typesafe.config.Config;
import io.onex.engine.gateway.EngineNode;
import io.onex.engine.gateway.NodeConfig;
import io.onex.engine.samples.services.SampleServices;

/**
 * Runs one engine node hosting the sample workflows, with the sample's inventory, payment and
 * shipping services beside it, configured by {@link NodeConfig} (HTTP port {@code ONEX_HTTP_PORT},
 * data directory {@code ONEX_DATA_DIR}, journal {@code ONEX_JOURNAL_URL}, service delay {@code
 * ONEX_SAMPLES_SERVICE_DELAY_MS}). Runs until the process is stopped; on SIGTERM Pekko's
 * coordinated shutdown unbinds the gateway, leaves the cluster and stops the actor system.
 */
public final class SampleNode implements AutoCloseable {

  private final SampleServices services;
  private final EngineNode node;

  private SampleNode(SampleServices services, EngineNode node) {
    this.services = services;
    this.node = node;
  }

  /** Starts the sample services, then a node whose HTTP targets point at them. */
  public static SampleNode start(Config config) {
    SampleServices services = SampleServices.start(config);
    try {
      return new SampleNode(
          services, EngineNode.start(services.targets().withFallback(config), Samples.registry()));
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  public EngineNode node() {
    return node;
  }

  public SampleServices services() {
    return services;
  }

  @Override
  public void close() {
    node.close();
    services.close();
  }

  public static void main(String[] args) {
    SampleNode sample = start(NodeConfig.load());
    sample.node.awaitTermination();
    sample.services.close();
  }
}
