package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a node process with SIGKILL right after its last acknowledged action, starts it again on
 * the same data directory, and finds every acknowledged action applied exactly once.
 */
class KilledNodeTest {

  private static final int ORDERS = 4;
  private static final int ITEMS_PER_ORDER = 15;

  @TempDir Path dataDir;
  private final List<Process> processes = new ArrayList<>();
  private final ExecutorService requests = Executors.newFixedThreadPool(8);
  private final HttpClient client = HttpClient.newBuilder().executor(requests).build();

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
    requests.shutdownNow();
  }

  private Process startNode(int port, String logName) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            io.onex.engine.node.NodeMain.class.getName());
    builder.environment().put("ONEX_HTTP_PORT", String.valueOf(port));
    builder.environment().put("ONEX_DATA_DIR", dataDir.resolve("node").toString());
    builder.environment().put("ONEX_CLUSTER_PORT", "0");
    builder.environment().put("ONEX_SAMPLES_SERVICES_PORT", "0");
    builder.environment().put("ONEX_SAMPLES_SMTP_PORT", "0");
    builder.redirectErrorStream(true).redirectOutput(dataDir.resolve(logName).toFile());
    Process process = builder.start();
    processes.add(process);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> process.isAlive() && get(port, "/health").statusCode() == 200);
    return process;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> post(int port, String path, String body) {
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

  @Test
  void shouldKeepEveryAcknowledgedActionWhenTheProcessIsKilled() throws Exception {
    // given a node with orders receiving many concurrent actions
    int port = freePort();
    Process node = startNode(port, "first.log");
    for (int order = 0; order < ORDERS; order++) {
      HttpResponse<String> started =
          post(
                  port,
                  "/v1/workflows/order/instances",
                  "{\"instanceId\":\"k-" + order + "\",\"input\":{\"customerId\":\"c\"}}")
              .join();
      assertThat(started.statusCode()).isEqualTo(201);
    }
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int item = 0; item < ITEMS_PER_ORDER; item++) {
      for (int order = 0; order < ORDERS; order++) {
        inFlight.add(
            post(
                port,
                "/v1/workflows/order/instances/k-" + order + "/actions",
                "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"sku-"
                    + item
                    + "\",\"quantity\":1,\"unitPrice\":1}}"));
      }
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    assertThat(inFlight)
        .allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(200));

    // when the process is killed without any chance to flush or shut down
    node.destroyForcibly().waitFor();
    int restartedPort = freePort();
    startNode(restartedPort, "second.log");

    // then every acknowledged action is there, once
    for (int order = 0; order < ORDERS; order++) {
      String path = "/v1/workflows/order/instances/k-" + order;
      JsonNode instance = EngineJson.mapper().readTree(get(restartedPort, path).body());
      assertThat(instance.get("sequence").asLong()).isEqualTo(1 + ITEMS_PER_ORDER);
      TreeSet<String> skus = new TreeSet<>();
      instance
          .at("/state/items")
          .forEach(
              line -> {
                assertThat(line.get("quantity").asInt()).isEqualTo(1);
                skus.add(line.get("sku").asText());
              });
      assertThat(skus).hasSize(ITEMS_PER_ORDER);
      JsonNode history =
          EngineJson.mapper()
              .readTree(get(restartedPort, path + "/history?limit=1000").body())
              .get("events");
      assertThat(
              StreamSupport.stream(history.spliterator(), false)
                  .map(e -> e.get("sequence").asLong()))
          .hasSize(1 + ITEMS_PER_ORDER)
          .doesNotHaveDuplicates();
    }
  }
}
