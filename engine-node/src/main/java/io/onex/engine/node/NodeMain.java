package io.onex.engine.node;

import com.typesafe.config.Config;
import io.onex.engine.node.cli.EventsCommand;
import io.onex.engine.node.cli.HistoryCommand;
import io.onex.engine.node.cli.JournalServerCommand;
import io.onex.engine.node.cli.KafkaBrokerCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The node application's entry point. Without arguments it runs one engine node hosting the
 * workflows of the class path's {@link WorkflowProvider}s, configured by {@link NodeConfig}, until
 * the process is stopped (SIGTERM runs Pekko's coordinated shutdown: unbind, leave the cluster,
 * stop). {@code history ...} runs the history command on those workflows ({@link HistoryCommand});
 * {@code journal-server ...} serves a shared H2 journal for a local cluster ({@link
 * JournalServerCommand}); {@code kafka-broker ...} runs a local Kafka broker ({@link
 * KafkaBrokerCommand}); {@code events tail|publish ...} reads or writes a topic ({@link
 * EventsCommand}).
 */
public final class NodeMain {

  private NodeMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    String format = System.getenv().getOrDefault("ONEX_LOG_FORMAT", "plain");
    if (!format.equals("plain") && !format.equals("json")) {
      err.println("ONEX_LOG_FORMAT must be plain or json, but is '" + format + "'");
      System.exit(2);
    }
    String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
    if (args.length > 0 && args[0].equals("journal-server")) {
      System.exit(JournalServerCommand.run(out, err, rest));
    }
    if (args.length > 0 && args[0].equals("kafka-broker")) {
      System.setProperty("ONEX_LOG_ROOT", "WARN");
      System.exit(KafkaBrokerCommand.run(out, err, rest));
    }
    if (args.length > 0 && args[0].equals("events")) {
      System.setProperty("ONEX_LOG_ROOT", "WARN");
      System.setProperty("slf4j.internal.verbosity", "ERROR");
      System.exit(EventsCommand.run(out, err, System.in, rest));
    }
    if (args.length > 0 && args[0].equals("history")) {
      System.setProperty("ONEX_LOG_ROOT", "WARN");
      System.setProperty("slf4j.internal.verbosity", "ERROR");
      System.exit(
          HistoryCommand.run(WorkflowProviders.registry(WorkflowProviders.load()), out, err, rest));
    }
    Config config;
    try {
      config = NodeOptions.parse(args).applyTo(NodeConfig.load());
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(NodeOptions.USAGE);
      System.exit(2);
      return;
    }
    EngineNode.start(config).awaitTermination();
  }
}
