package io.onex.engine.samples;

import com.typesafe.config.Config;
import io.onex.engine.gateway.EngineNode;
import io.onex.engine.gateway.NodeConfig;
import io.onex.engine.gateway.cli.HistoryCommand;
import io.onex.engine.gateway.cli.JournalServerCommand;
import io.onex.engine.samples.services.SampleServices;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

  /**
   * Runs the node; with {@code history ...} the history command on the sample workflows (see {@link
   * HistoryCommand}); with {@code journal-server ...} a shared H2 journal for a local cluster (see
   * {@link JournalServerCommand}).
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("journal-server")) {
      System.exit(
          JournalServerCommand.run(
              new PrintWriter(System.out, true, StandardCharsets.UTF_8),
              new PrintWriter(System.err, true, StandardCharsets.UTF_8),
              Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("history")) {
      System.setProperty("ONEX_LOG_ROOT", "WARN");
      System.setProperty("slf4j.internal.verbosity", "ERROR");
      System.exit(
          HistoryCommand.run(
              Samples.registry(),
              new PrintWriter(System.out, true, StandardCharsets.UTF_8),
              new PrintWriter(System.err, true, StandardCharsets.UTF_8),
              Arrays.copyOfRange(args, 1, args.length)));
    }
    SampleNode sample = start(NodeConfig.load());
    sample.node.awaitTermination();
    sample.services.close();
  }
}
