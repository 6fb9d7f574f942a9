package io.onex.engine.samples;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sample nodes as separate processes on one data directory, for tests that kill a node with SIGKILL
 * and start it again: each started on a free port, with an HTTP client for it. {@link #close()}
 * kills whatever still runs.
 */
final class NodeProcess implements AutoCloseable {

  private final Path dataDir;
  private final List<Process> processes = new ArrayList<>();
  private final ExecutorService requests = Executors.newFixedThreadPool(8);
  private final HttpClient client = HttpClient.newBuilder().executor(requests).build();
  private final Map<String, String> environment = new HashMap<>();
  private Process current;
  private int port;

  NodeProcess(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** Sets environment variable {@code name} for the nodes started from now on. */
  NodeProcess withEnvironment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** The port of the running node's gateway. */
  int port() {
    return port;
  }

  /** Starts a node on a free port, logging to {@code logName}; returns once it is healthy. */
  NodeProcess start(String logName, String... jvmOptions) throws IOException {
    port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            io.onex.engine.node.NodeMain.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("ONEX_HTTP_PORT", String.valueOf(port));
    builder.environment().put("ONEX_DATA_DIR", dataDir.resolve("node").toString());
    builder.environment().put("ONEX_CLUSTER_PORT", "0");
    builder.environment().put("ONEX_SAMPLES_SERVICES_PORT", "0");
    builder.environment().put("ONEX_SAMPLES_SMTP_PORT", "0");
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(dataDir.resolve(logName).toFile());
    Process process = builder.start();
    processes.add(process);
    current = process;
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> process.isAlive() && get("/health").statusCode() == 200);
    return this;
  }

  /** Kills the running node with SIGKILL: no chance to flush or shut down. */
  void kill() throws InterruptedException {
    current.destroyForcibly().waitFor();
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<String>> post(String path, String body) {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
    requests.shutdownNow();
  }
}
