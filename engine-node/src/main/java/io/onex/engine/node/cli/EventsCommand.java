package io.onex.engine.node.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code events}: reads a topic's messages ({@code events tail}) or writes lines as messages
 * ({@code events publish}), for looking at and driving the event bus from a shell.
 */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "Read or write the messages of a Kafka topic.",
    subcommands = {EventsCommand.Tail.class, EventsCommand.Publish.class})
public final class EventsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs {@code events ...} with {@code in} as standard input; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, InputStream in, String... args) {
    CommandLine commandLine = new CommandLine(new EventsCommand());
    ((Publish) commandLine.getSubcommands().get("publish").getCommand()).in = in;
    commandLine.setOut(out).setErr(err);
    commandLine.setExecutionExceptionHandler(
        (error, line, parsed) -> {
          line.getErr().println("events: " + error.getMessage());
          return HistoryCommand.FAILED;
        });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Expected tail or publish");
  }

  /**
   * {@code events tail}: prints each message value of a topic on one line, from every partition,
   * and exits after {@code --max} messages or {@code --timeout}.
   */
  @Command(
      name = "tail",
      mixinStandardHelpOptions = true,
      description =
          "Print each message value of a topic on one line; exit after --max messages or"
              + " --timeout.")
  static final class Tail implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, description = "Brokers, HOST:PORT.")
    String bootstrap;

    @Option(names = "--topic", required = true, description = "The topic to read.")
    String topic;

    @Option(
        names = "--from-beginning",
        description = "Read from the first message kept, not only new ones.")
    boolean fromBeginning;

    @Option(
        names = "--max",
        defaultValue = "0",
        description = "Exit after this many messages (0: no limit, until --timeout).")
    int max;

    @Option(
        names = "--timeout",
        defaultValue = "10s",
        converter = Durations.class,
        description = "Exit after this long (default: ${DEFAULT-VALUE}), such as 10s or 2m.")
    Duration timeout;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      long deadline = System.nanoTime() + timeout.toNanos();
      int printed = 0;
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
        List<TopicPartition> partitions = partitionsOf(consumer, deadline);
        consumer.assign(partitions);
        if (fromBeginning) {
          consumer.seekToBeginning(partitions);
        } else {
          consumer.seekToEnd(partitions);
          partitions.forEach(consumer::position);
        }
        while (System.nanoTime() < deadline && (max == 0 || printed < max)) {
          long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
          for (ConsumerRecord<String, String> record :
              consumer.poll(Duration.ofMillis(Math.min(left, 500)))) {
            out.println(record.value());
            printed++;
            if (max != 0 && printed >= max) {
              break;
            }
          }
          out.flush();
        }
      }
      return 0;
    }

    /** The topic's partitions, waiting until it exists or the deadline passes. */
    private List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, long deadline) {
      while (true) {
        List<PartitionInfo> infos;
        try {
          infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
          infos = List.of();
        }
        if (!infos.isEmpty()) {
          return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        }
        if (System.nanoTime() >= deadline) {
          return List.of();
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return List.of();
        }
      }
    }
  }

  /** {@code events publish}: sends each line of standard input as one message. */
  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = "Send each line of standard input as one message to a topic.")
  static final class Publish implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, description = "Brokers, HOST:PORT.")
    String bootstrap;

    @Option(names = "--topic", required = true, description = "The topic to write.")
    String topic;

    @Option(names = "--key", description = "The key of every message (default: none).")
    String key;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    InputStream in = System.in;

    @Override
    public Integer call() throws Exception {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
      int sent = 0;
      try (KafkaProducer<String, String> producer =
              new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        // sent as read, in order; the acknowledgements are awaited once the input has ended
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null) {
          if (!line.isBlank()) {
            sends.add(producer.send(new ProducerRecord<>(topic, key, line)));
          }
        }
        for (Future<RecordMetadata> send : sends) {
          try {
            send.get(30, TimeUnit.SECONDS);
          } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                "Could not publish to " + topic + " at " + bootstrap + ": " + e.getMessage(), e);
          }
          sent++;
        }
      }
      spec.commandLine().getErr().println("Published " + sent + " message(s) to " + topic);
      spec.commandLine().getErr().flush();
      return 0;
    }
  }

  /** Reads durations such as {@code 10s}, {@code 500ms} or {@code 2m}. */
  static final class Durations implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return com.typesafe.config.ConfigFactory.parseString("d = " + value).getDuration("d");
    }
  }
}
