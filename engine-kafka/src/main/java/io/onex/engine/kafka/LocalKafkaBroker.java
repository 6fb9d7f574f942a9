package io.onex.engine.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in this process, in KRaft mode (broker and controller in one, no
 * ZooKeeper), its data in a directory: for trying the event bus and for tests, never for
 * production. The directory is formatted on first use and kept, so a broker started again on it has
 * every topic and committed offset it had; the controller's port is kept in it too. Topics are
 * created on first use, with one partition each unless created otherwise, replication factor 1.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final String CONTROLLER_PORT_FILE = "onex-controller.port";

  private final KafkaRaftServer server;
  private final int port;

  private LocalKafkaBroker(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts a broker listening on 127.0.0.1:{@code port} (0 picks a free port) with its data in
   * {@code dir}; returns once it accepts clients. Fails with {@link IllegalStateException} when the
   * port is taken or the directory cannot be used.
   */
  public static LocalKafkaBroker start(int port, Path dir, int partitions) {
    try {
      Files.createDirectories(dir);
      int brokerPort = port == 0 ? freePort() : port;
      int controllerPort = controllerPort(dir);
      String logDir = dir.toAbsolutePath().toString();
      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", "1");
      props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
      props.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
      props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
      props.put("controller.listener.names", "CONTROLLER");
      props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("log.dirs", logDir);
      props.put("num.partitions", Integer.toString(partitions));
      props.put("auto.create.topics.enable", "true");
      props.put("offsets.topic.replication.factor", "1");
      props.put("offsets.topic.num.partitions", "1");
      props.put("transaction.state.log.replication.factor", "1");
      props.put("transaction.state.log.min.isr", "1");
      props.put("share.coordinator.state.topic.replication.factor", "1");
      props.put("share.coordinator.state.topic.min.isr", "1");
      props.put("group.initial.rebalance.delay.ms", "0");
      if (!Files.exists(dir.resolve("meta.properties"))) {
        new Formatter()
            .setClusterId(Uuid.randomUuid().toString())
            .setNodeId(1)
            .setControllerListenerName("CONTROLLER")
            .setMetadataLogDirectory(logDir)
            .setDirectories(List.of(logDir))
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .run();
      }
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
      server.startup();
      return new LocalKafkaBroker(server, brokerPort);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not use " + dir + " for the Kafka broker", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not start a Kafka broker on port " + port + " in " + dir + ": " + e, e);
    }
  }

  /** {@code host:port} for clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The port clients connect to. */
  public int port() {
    return port;
  }

  /** Stops the broker and waits until it has; its data stays in the directory. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  /** The controller port kept in {@code dir}, or a free one that is then kept. */
  private static int controllerPort(Path dir) throws IOException {
    Path file = dir.resolve(CONTROLLER_PORT_FILE);
    if (Files.exists(file)) {
      return Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
    }
    int port = freePort();
    Files.writeString(file, Integer.toString(port), StandardCharsets.UTF_8);
    return port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }
}
