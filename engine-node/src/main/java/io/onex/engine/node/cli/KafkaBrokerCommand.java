package io.onex.engine.node.cli;

import io.onex.engine.kafka.LocalKafkaBroker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kafka-broker}: runs a single-node Kafka broker (KRaft, in this process) with its data in a
 * directory, so that the event bus can be tried without installing Kafka. Listens on the loopback
 * interface only. Use a real Kafka cluster for deployments.
 */
@Command(
    name = "kafka-broker",
    mixinStandardHelpOptions = true,
    description =
        "Run a local single-node Kafka broker for trying the event bus; "
            + "nodes use ONEX_KAFKA_BOOTSTRAP=127.0.0.1:<port>. Stop with Ctrl-C.")
public final class KafkaBrokerCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "TCP port clients connect to (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--dir",
      defaultValue = "./data/kafka",
      description = "Directory holding the broker's data (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--partitions",
      defaultValue = "4",
      description = "Partitions of each topic created on first use (default: ${DEFAULT-VALUE}).")
  int partitions;

  private final PrintWriter out;

  private KafkaBrokerCommand(PrintWriter out) {
    this.out = out;
  }

  /** Runs the broker until the process is stopped; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new KafkaBrokerCommand(out));
    commandLine.setOut(out).setErr(err);
    commandLine.setExecutionExceptionHandler(
        (error, line, parsed) -> {
          line.getErr().println("kafka-broker: " + error.getMessage());
          return HistoryCommand.FAILED;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    LocalKafkaBroker broker = LocalKafkaBroker.start(port, dir, partitions);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                }));
    out.println(
        "Kafka broker listening on "
            + broker.bootstrapServers()
            + ", data in "
            + dir.toAbsolutePath()
            + "; start nodes with ONEX_KAFKA_BOOTSTRAP="
            + broker.bootstrapServers());
    out.flush();
    stopped.await();
    return 0;
  }
}
