package io.onex.engine.cluster;

import static io.onex.engine.core.testing.Actions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.internal.TracingSetup;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.testing.CounterWorkflow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code onex.tracing.enabled} a node exports its spans over OTLP/HTTP to the configured
 * endpoint (here a local HTTP server standing in for a collector), at the latest when it stops; a
 * sample ratio outside 0 to 1 is refused naming the key.
 */
class TracingExportTest {

  @TempDir Path dataDir;

  @Test
  void aNodeWithTracingOnExportsItsSpansToTheOtlpEndpoint() throws IOException {
    List<byte[]> exports = new CopyOnWriteArrayList<>();
    List<String> contentTypes = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/v1/traces",
        exchange -> {
          exports.add(exchange.getRequestBody().readAllBytes());
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    try {
      Config config =
          config(
              Map.of(
                  "onex.tracing.enabled",
                  true,
                  "onex.tracing.otlp-endpoint",
                  "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces"));
      try (WorkflowEngine engine =
          WorkflowEngine.create(
              config, new WorkflowRegistry().register(CounterWorkflow.definition()))) {
        engine
            .client()
            .start(CounterWorkflow.TYPE, StartRequest.of("traced", json(Map.of("initial", 1))))
            .toCompletableFuture()
            .join();
        engine
            .client()
            .send(
                CounterWorkflow.TYPE,
                "traced",
                ActionRequest.of("Increment", json(Map.of("by", 2))))
            .toCompletableFuture()
            .join();
      }
      // stopping the node flushes the batch
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(15))
          .until(() -> !exports.isEmpty());
      assertThat(contentTypes).allMatch(type -> type.startsWith("application/x-protobuf"));
      String exported = new String(exports.get(0), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(exported).contains("action Increment").contains("journal write");
    } finally {
      collector.stop(0);
    }
  }

  @Test
  void aSampleRatioOutsideZeroToOneIsRefused() {
    assertThatThrownBy(
            () ->
                TracingSetup.fromConfig(
                    config(Map.of("onex.tracing.enabled", true, "onex.tracing.sample-ratio", 2))))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("onex.tracing.sample-ratio");
  }

  private Config config(Map<String, Object> settings) {
    return ConfigFactory.parseMap(settings)
        .withFallback(
            ConfigFactory.parseMap(
                Map.of("onex.data-dir", dataDir.toString(), "onex.cluster.port", 0)))
        .withFallback(ConfigFactory.load())
        .resolve();
  }
}
